/**
 * Bytes of a feed or page to text. The encoding is taken, in order, from a byte-order mark, the
 * HTTP `charset`, the document's own declaration (`<?xml encoding>` or `<meta charset>`), and
 * otherwise UTF-8. Arabic outlets still publish windows-1256, which Node's TextDecoder reads.
 */

import { TextDecoder } from 'node:util';

export type EncodingSource = 'bom' | 'http' | 'declaration' | 'default';

export interface DecodedText {
  text: string;
  encoding: string;
  from: EncodingSource;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** UTF-16 documents without a BOM still start with `<` as a 16-bit unit. */
function utf16WithoutBom(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return 'utf-16be';
  if (a === 0x3c && b === 0x00 && d === 0x00) return 'utf-16le';
  return null;
}

/** The `charset` parameter of a Content-Type header value. */
export function charsetOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2] ? match[2].trim() : null;
}

/** The encoding a document declares in its first bytes (read as ASCII). */
export function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].trim();
  const meta = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1] ? meta[1].trim() : null;
}

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label);
  } catch {
    // An unknown label is the same as no label: fall through to the next source of truth.
    return null;
  }
}

/**
 * A declared single-byte or UTF-8 encoding is ignored when the bytes are UTF-16: a document that
 * says `encoding="utf-8"` but starts with `<\0?\0` cannot be read as UTF-8.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), encoding: bom.encoding, from: 'bom' };
  const wide = utf16WithoutBom(bytes);
  if (wide) return { text: new TextDecoder(wide).decode(bytes), encoding: wide, from: 'declaration' };
  const http = decoderFor(charsetOf(contentType));
  if (http) return { text: http.decode(bytes), encoding: http.encoding, from: 'http' };
  const declared = decoderFor(declaredEncoding(bytes));
  // A document declaring UTF-16 with 8-bit bytes is mislabelled; read it as the default.
  if (declared && !declared.encoding.startsWith('utf-16')) return { text: declared.decode(bytes), encoding: declared.encoding, from: 'declaration' };
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', from: 'default' };
}
