// The wire protocol (docs/protocol.md): JSON text frames, one request or reply per frame.
// Requests are checked here, once, so the connection code handles only well-formed messages.

export type ErrorCode = 'bad_message' | 'unknown_session' | 'unauthorized' | 'too_large' | 'busy' | 'internal';

/** Close codes the server uses (4000-4999 is the application range of RFC 6455). */
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_TOO_SLOW = 4008;

export type Request =
  | { type: 'hello'; id?: unknown; token?: string }
  | { type: 'list'; id?: unknown }
  | { type: 'run'; id?: unknown; name: string; source: string; paused: boolean; breakpoints: number[] }
  | { type: 'subscribe'; id?: unknown; session: string; from: number }
  | { type: 'unsubscribe'; id?: unknown; session: string }
  | { type: 'state'; id?: unknown; session: string; at: number }
  | { type: 'pause' | 'resume' | 'stop'; id?: unknown; session: string }
  | { type: 'step'; id?: unknown; session: string; by: 'event' | 'line' | 'collection' }
  | { type: 'break'; id?: unknown; session: string; line: number }
  | { type: 'clear'; id?: unknown; session: string; line?: number };

/** A request the server refuses, with the code and message of its error reply. */
export class ProtocolError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly id?: unknown) {
    super(message);
  }
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Parses one text frame into a Request, or throws a bad_message ProtocolError. */
export function parseRequest(text: string): Request {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    throw new ProtocolError('bad_message', 'the frame is not JSON');
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    throw new ProtocolError('bad_message', 'a request is a JSON object');
  }
  const m = msg as Record<string, unknown>;
  const id = m.id;
  const bad = (message: string) => new ProtocolError('bad_message', message, id);
  const session = () => {
    if (typeof m.session !== 'string') throw bad(`${String(m.type)} needs "session", a session id`);
    return m.session;
  };
  switch (m.type) {
    case 'hello':
      if (m.token !== undefined && typeof m.token !== 'string') throw bad('"token" is a string');
      return { type: 'hello', id, ...(m.token !== undefined ? { token: m.token as string } : {}) };
    case 'list':
      return { type: 'list', id };
    case 'run':
      if (typeof m.name !== 'string' || typeof m.source !== 'string') throw bad('run needs "name" and "source", strings');
      if (m.paused !== undefined && typeof m.paused !== 'boolean') throw bad('"paused" is true or false');
      if (m.breakpoints !== undefined && !(Array.isArray(m.breakpoints) && m.breakpoints.every((l) => isIndex(l) && l > 0))) {
        throw bad('"breakpoints" is a list of line numbers');
      }
      return {
        type: 'run', id, name: m.name, source: m.source,
        paused: m.paused === true, breakpoints: (m.breakpoints as number[] | undefined) ?? [],
      };
    case 'subscribe': {
      const s = session();
      const from = m.from ?? 0;
      if (!isIndex(from)) throw bad('"from" is an event index, a whole number >= 0');
      return { type: 'subscribe', id, session: s, from };
    }
    case 'unsubscribe':
      return { type: 'unsubscribe', id, session: session() };
    case 'state': {
      const s = session();
      if (!isIndex(m.at)) throw bad('"at" is an event index, a whole number >= 0');
      return { type: 'state', id, session: s, at: m.at };
    }
    case 'pause':
    case 'resume':
    case 'stop':
      return { type: m.type, id, session: session() };
    case 'step': {
      const s = session();
      const by = m.by ?? 'event';
      if (by !== 'event' && by !== 'line' && by !== 'collection') throw bad('"by" is "event", "line" or "collection"');
      return { type: 'step', id, session: s, by };
    }
    case 'break': {
      const s = session();
      if (!isIndex(m.line) || m.line === 0) throw bad('"line" is a line number, a whole number >= 1');
      return { type: 'break', id, session: s, line: m.line };
    }
    case 'clear': {
      const s = session();
      if (m.line !== undefined && !isIndex(m.line)) throw bad('"line" is a line number');
      return { type: 'clear', id, session: s, ...(m.line !== undefined ? { line: m.line as number } : {}) };
    }
    default:
      throw bad(`unknown request type ${JSON.stringify(m.type ?? null)}`);
  }
}

/** The JSON text of a reply, echoing the request's id when it had one. */
export function reply(id: unknown, body: Record<string, unknown>): string {
  return JSON.stringify(id === undefined ? body : { ...body, id });
}

export function errorReply(code: ErrorCode, message: string, id?: unknown): string {
  return reply(id, { type: 'error', code, message });
}
