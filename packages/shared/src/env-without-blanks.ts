// An empty variable (`X=`, as in stack.env.example copied verbatim) means "unset", as operators expect of env files.
export function envWithoutBlanks(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
}
