// The bot the fake Telegram claims to be (getMe), also handed to the service so tests skip the call.
import type { UserFromGetMe } from "grammy/types";

export const FAKE_BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: "WeWall",
  username: "wewall_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};
