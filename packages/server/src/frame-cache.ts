// The last few `events` frames serialised, shared by every session of the process: subscribers
// reading the same part of a session at about the same time (a live session's followers, a crowd
// replaying one recording) are sent one copy, serialised once. Bounded by frame count, so memory
// stays a few MiB however many sessions the server has.
export class FrameCache {
  private readonly frames = new Map<string, Buffer>();

  constructor(private readonly capacity: number) {}

  get(key: string): Buffer | undefined {
    const hit = this.frames.get(key);
    if (hit) {
      // Most recently used last: the first key is the one to evict.
      this.frames.delete(key);
      this.frames.set(key, hit);
    }
    return hit;
  }

  set(key: string, frame: Buffer): void {
    if (this.frames.size >= this.capacity) this.frames.delete(this.frames.keys().next().value!);
    this.frames.set(key, frame);
  }
}

/** Frames of 4096 events of about 80 bytes: some 10 MiB. */
export const sharedFrames = new FrameCache(32);
