/**
 * `GET /chat/stream`: the answers of `GET /chat/messages` pushed as Server-Sent Events while the
 * chat panel is open, so an agent's reply shows at once instead of at the next poll.
 */
import { messagesAfter, readConversationQuery, readCursor, type MessagesAnswer } from './chat';
import type { RouteContext } from './context';
import { StoreUnavailableError } from './store';

/** How long one stream lasts: proxies cut long answers, so the client reconnects with its latest cursor before they do. */
export const STREAM_LIFETIME_MS = 55_000;
/** Interval of the `: ping` comment that keeps a quiet stream from looking idle to proxies. */
export const HEARTBEAT_MS = 20_000;
/** Interval of the store re-check that catches messages another endpoint process saved. */
export const RECHECK_MS = 3_000;

const encoder = new TextEncoder();

/** One batch of messages as an SSE event: its id is the cursor, its data the JSON of `GET /chat/messages`. */
export function messagesEvent(answer: MessagesAnswer): string {
  return `event: messages\nid: ${answer.cursor}\ndata: ${JSON.stringify(answer)}\n\n`;
}

/**
 * Answers `text/event-stream` (the messages after the cursor at once, each new batch as it is
 * stored, a heartbeat comment, and the end after `STREAM_LIFETIME_MS`, on disconnect or on
 * shutdown), or fails before it starts exactly as `GET /chat/messages` does.
 */
export async function getChatStream(context: RouteContext): Promise<Response> {
  const { request, chatFeed, options } = context;
  const query = await readConversationQuery(context);
  // A browser reconnecting on its own sends the last event id, newer than the cursor in its URL.
  const lastEventId = request.headers.get('last-event-id');
  let cursor = lastEventId ? readCursor(lastEventId) : query.after;
  // Read before answering, so a store failure is a 503 the client can tell from a stream.
  const first = await messagesAfter(context, { conversation: query.conversation, after: cursor }, context.now);

  let end = (): void => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let ended = false;
      let checking = false;
      let checkAgain = false;
      const write = (text: string): void => {
        if (!ended) controller.enqueue(encoder.encode(text));
      };
      const deliver = (answer: MessagesAnswer): void => {
        if (answer.messages.length === 0) return;
        cursor = Number(answer.cursor);
        write(messagesEvent(answer));
      };
      // One store read at a time; news arriving during a read runs one more, so nothing stored meanwhile is missed.
      const check = async (): Promise<void> => {
        if (checking) {
          checkAgain = true;
          return;
        }
        checking = true;
        try {
          do {
            checkAgain = false;
            deliver(await messagesAfter(context, { conversation: query.conversation, after: cursor }, options.now()));
          } while (checkAgain && !ended);
        } catch (error) {
          if (!(error instanceof StoreUnavailableError)) options.onError(error);
          // Ending is the only signal left once the headers are out; the client then polls, which reports the failure.
          end();
        } finally {
          checking = false;
        }
      };
      const unsubscribe = chatFeed.subscribe(query.conversation, () => void check());
      const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      const recheck = setInterval(() => void check(), RECHECK_MS);
      const lifetime = setTimeout(() => end(), STREAM_LIFETIME_MS);
      end = () => {
        if (ended) return;
        ended = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(recheck);
        clearTimeout(lifetime);
        request.signal.removeEventListener('abort', end);
        chatFeed.closed.removeEventListener('abort', end);
        try {
          controller.close();
        } catch {
          // The reader cancelled the stream already.
        }
      };
      request.signal.addEventListener('abort', end);
      chatFeed.closed.addEventListener('abort', end);
      // The first bytes send the headers, so the client sees the stream open before any message.
      write(': ping\n\n');
      deliver(first);
      if (request.signal.aborted || chatFeed.closed.aborted) end();
    },
    cancel() {
      end();
    },
  });
  return new Response(body, {
    status: 200,
    // Buffering proxies (nginx) would hold events back until the stream ends.
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
}
