// A lean keep-alive JSON POST for the fakes and the load driver (undici, as the service itself uses): the load
// driver shares the bench machine with the service, and node:http costs about twice the CPU per request.
import { Agent, request } from "undici";

const agent = new Agent({ connections: 256 });

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const response = await request(url, {
    dispatcher: agent,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, body: await response.body.text() };
}
