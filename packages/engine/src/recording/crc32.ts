// CRC-32 (IEEE 802.3, the zlib/PNG polynomial 0xEDB88320, reflected, initial and final xor ~0).
// Every block of a recording carries one, so a reader can tell a damaged block from a good one.
//
// Slicing-by-8 (Intel's method, as zlib's crc32_little): eight tables, where table k maps a byte
// to the CRC of that byte followed by k zero bytes, so eight input bytes fold into the running
// CRC with eight independent lookups instead of eight dependent ones. Bytewise before and after.

const TABLES = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** The host's own CRC-32 of a whole array, when it gave one (useNativeCrc32). */
let native: ((data: Uint8Array) => number) | null = null;

/**
 * Lets the codec use the host's implementation of the same function (Node's zlib.crc32, from
 * 20.15 on: native and several times as fast as the tables here; the engine itself loads no
 * host module). Refused, and false returned, unless it gives the check value. Either way every
 * checksum is the same number, so recordings do not depend on which one ran.
 */
export function useNativeCrc32(fn: (data: Uint8Array) => number): boolean {
  const check = new Uint8Array([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]); // "123456789"
  if (fn(check) !== 0xcbf43926 || fn(new Uint8Array(0)) !== 0) return false;
  native = fn;
  return true;
}

/** The CRC-32 of bytes[start, end). crc32(ascii "123456789") is 0xCBF43926. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  // Short spans stay here: a subarray per call would cost more than the tables.
  if (native !== null && end - start >= 256) return native(bytes.subarray(start, end));
  const t = TABLES;
  let c = -1;
  let i = start;
  const fast = end - 8;
  for (; i <= fast; i += 8) {
    const lo = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[1792 + (lo & 0xff)]! ^ t[1536 + ((lo >>> 8) & 0xff)]! ^ t[1280 + ((lo >>> 16) & 0xff)]! ^ t[1024 + (lo >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^ t[512 + bytes[i + 5]!]! ^ t[256 + bytes[i + 6]!]! ^ t[bytes[i + 7]!]!;
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
