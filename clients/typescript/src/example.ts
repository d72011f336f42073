// How a frontend calls ChatFake with the types generated from its OpenAPI document:
// openapi-fetch for the JSON routes (paths, bodies, queries and answers all typed), and a
// fetch + ReadableStream reader for the SSE reply of /messages/stream.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type User = components["schemas"]["User"];
export type Group = components["schemas"]["Group"];
export type Message = components["schemas"]["Message"];
export type ErrorEnvelope = components["schemas"]["ErrorEnvelope"];

/** A ChatFake answer that was not a success: the status and the error envelope. */
export class ChatFakeError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorEnvelope,
  ) {
    super(`${status}: ${body.error}`);
  }
}

/** A typed client; with a token, every request carries it. */
export function chatFake(baseUrl: string, token?: string) {
  const client = createClient<paths>({ baseUrl });
  if (token) {
    const bearer: Middleware = {
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}

/** Logs in (the seeded account by default) and returns the token with its user. */
export async function logIn(baseUrl: string, email = "test@test.com", password = "123456") {
  const { data, error, response } = await chatFake(baseUrl).POST("/api/auth/login", {
    body: { email, password },
  });
  if (error) throw new ChatFakeError(response.status, error);
  return { token: data.data.token, user: data.data.user };
}

/** Creates a group with the given bots; ChatFake sorts them by id and removes duplicates. */
export async function createGroup(baseUrl: string, token: string, name: string, botIds: string[]): Promise<Group> {
  const { data, error, response } = await chatFake(baseUrl, token).POST("/api/group-conversations", {
    body: { name, botIds },
  });
  if (error) throw new ChatFakeError(response.status, error);
  return data.data;
}

/** One page of the user's groups, most recently updated first. */
export async function listGroups(baseUrl: string, token: string, page = 1, limit = 20) {
  const { data, error, response } = await chatFake(baseUrl, token).GET("/api/group-conversations", {
    params: { query: { page, limit } },
  });
  if (error) throw new ChatFakeError(response.status, error);
  return { groups: data.data, pagination: data.pagination };
}

/**
 * The JSON of one `data:` line of a /messages/stream reply (the StreamEvent schema of the
 * document): `userMessage`, then per reply `aiMessageStart`, `aiMessageChunk`s and
 * `aiMessageEnd`, then `done` ({success: true}) or `error`. Group streams add `sender_name`.
 */
export type StreamEvent = components["schemas"]["StreamEvent"];

/** One server-sent event: its `event:` name (`message`, `error` or `done`) and its data. */
export interface ServerSentEvent {
  event: string;
  data: StreamEvent;
}

/**
 * Sends a message to a personal conversation and yields the reply's events as they arrive.
 * Failures found before the stream starts (401, 404, 400...) come back as JSON errors.
 */
export async function* streamReply(
  baseUrl: string,
  token: string,
  conversationId: string,
  content: string,
  signal?: AbortSignal,
): AsyncGenerator<ServerSentEvent> {
  const response = await fetch(`${baseUrl}/api/conversations/${encodeURIComponent(conversationId)}/messages/stream`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ content }),
    signal: signal ?? null,
  });
  if (!response.ok || !response.body) {
    throw new ChatFakeError(response.status, (await response.json()) as ErrorEnvelope);
  }

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    // Events end with a blank line; a partial event stays in the buffer for the next read.
    const events = buffer.split(/\r?\n\r?\n/);
    buffer = events.pop() ?? "";
    for (const block of events) {
      const event = parseEvent(block);
      if (event) yield event;
    }
  }
}

function parseEvent(block: string): ServerSentEvent | undefined {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return data.length === 0 ? undefined : { event, data: JSON.parse(data.join("\n")) as StreamEvent };
}

/** Streams a reply into `render` character by character, as a chat UI would. */
export async function typeOutReply(
  baseUrl: string,
  token: string,
  conversationId: string,
  content: string,
  render: (text: string) => void,
): Promise<string> {
  let text = "";
  for await (const { data } of streamReply(baseUrl, token, conversationId, content)) {
    if ("success" in data) break;
    switch (data.type) {
      case "aiMessageChunk":
        text += data.data.content;
        render(text);
        break;
      case "aiMessageEnd":
        text = data.data.content;
        break;
      case "error":
        throw new Error(data.message);
    }
  }
  return text;
}
