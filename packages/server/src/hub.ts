// The hub: every session the server knows, by id. Recorded sessions are the recordings in the
// directory; live ones are programs started by clients, recorded into the same directory.
// Clients address sessions by id only, never by a path.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FeedOptions } from './feed.js';
import { ProtocolError } from './protocol.js';
import { LiveSession } from './live.js';
import { RecordedSession, type Session, type SessionInfo } from './session.js';

export interface HubOptions extends FeedOptions {
  /** The recordings directory, or null to keep live sessions in memory only. */
  dir: string | null;
  /** Bytecode instructions per slice of a live run. */
  slice: number;
  /** The step budget of a live run. */
  maxSteps: number;
  /** The largest request frame accepted, in bytes. */
  maxMessage: number;
  /** Live sessions that may be unfinished at once; a run beyond that is refused as busy. */
  maxLive: number;
  /** Events a state query reduces between turns of the event loop. */
  stateSlice: number;
}

export const RECORDING_EXT = '.rsrec';

export class Hub {
  private readonly sessions = new Map<string, Session>();
  private readonly files = new Set<string>();
  private counter = 0;

  constructor(readonly options: HubOptions, readonly token: string | null) {
    this.scan();
  }

  /** Picks up recordings that appeared in the directory since the last look. */
  scan(): void {
    const dir = this.options.dir;
    if (!dir || !existsSync(dir)) return;
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith(RECORDING_EXT) || this.files.has(f)) continue;
      this.files.add(f);
      try {
        const s = RecordedSession.open(this.nextId(), path.join(dir, f), f);
        this.sessions.set(s.id, s);
      } catch {
        // Not a recording (FormatError), or one that cannot be read: not a session.
      }
    }
  }

  list(): SessionInfo[] {
    this.scan();
    return [...this.sessions.values()].map((s) => s.info());
  }

  session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new ProtocolError('unknown_session', `no session ${JSON.stringify(id)}`);
    return s;
  }

  run(name: string, source: string, start: { paused?: boolean; breakpoints?: readonly number[] } = {}): LiveSession {
    let unfinished = 0;
    for (const s of this.sessions.values()) if (s instanceof LiveSession && !s.done) unfinished++;
    if (unfinished >= this.options.maxLive) {
      throw new ProtocolError('busy', `${unfinished} programs are running in the server, its limit; wait for one to end`);
    }
    const id = this.nextId();
    let file: string | null = null;
    if (this.options.dir) {
      const stem = `${id}-${path.basename(name).replace(/[^\w.-]/g, '_').replace(/\.py$/, '')}`;
      let base = stem + RECORDING_EXT;
      for (let n = 2; existsSync(path.join(this.options.dir, base)); n++) base = `${stem}-${n}${RECORDING_EXT}`;
      this.files.add(base);
      file = path.join(this.options.dir, base);
    }
    let s: LiveSession;
    try {
      s = new LiveSession(id, name, source, {
        slice: this.options.slice, maxSteps: this.options.maxSteps, file,
        paused: start.paused ?? false, breakpoints: start.breakpoints ?? [],
      });
    } catch (err) {
      throw new ProtocolError('bad_message', `cannot run ${JSON.stringify(name)}: ${(err as Error).message}`);
    }
    this.sessions.set(id, s);
    return s;
  }

  close(): void {
    for (const s of this.sessions.values()) s.stop();
  }

  private nextId(): string {
    return `s${++this.counter}`;
  }
}
