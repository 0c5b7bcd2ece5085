import { describe, expect, it } from 'vitest';
import { charsetOf, decodeBytes, declaredEncoding } from '../../src/sources/decode.ts';

/** "الأمريكية" in windows-1256. */
const ARABIC_1256 = [0xc7, 0xe1, 0xc3, 0xe3, 0xd1, 0xed, 0xdf, 0xed, 0xc9];
const ARABIC = 'الأمريكية';

function xml(encoding: string | null, titleBytes: number[]): Uint8Array {
  const head = Buffer.from(`<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss><channel><title>`, 'latin1');
  const tail = Buffer.from('</title></channel></rss>', 'latin1');
  return new Uint8Array(Buffer.concat([head, Buffer.from(titleBytes), tail]));
}

describe('decoding feed bytes', () => {
  it('given windows-1256 declared in the XML then Arabic reads correctly', () => {
    const decoded = decodeBytes(xml('windows-1256', ARABIC_1256), 'application/rss+xml');
    expect(decoded.text).toContain(`<title>${ARABIC}</title>`);
    expect(decoded.from).toBe('declaration');
  });

  it('given an HTTP charset then it wins over the XML declaration', () => {
    const decoded = decodeBytes(xml('utf-8', ARABIC_1256), 'text/xml; charset="windows-1256"');
    expect(decoded.text).toContain(ARABIC);
    expect(decoded.from).toBe('http');
  });

  it('given a byte-order mark then it wins over everything else', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(`<?xml version="1.0" encoding="windows-1256"?><t>${ARABIC}</t>`, 'utf8')]);
    const decoded = decodeBytes(bytes, 'text/xml; charset=iso-8859-1');
    expect(decoded).toMatchObject({ encoding: 'utf-8', from: 'bom' });
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain(ARABIC);
  });

  it('given UTF-16 with and without a BOM then both decode', () => {
    const text = `<?xml version="1.0" encoding="utf-16"?><t>${ARABIC}</t>`;
    const le = Buffer.from(text, 'utf16le');
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, ...le])).text).toBe(text);
    expect(decodeBytes(new Uint8Array(le)).text).toBe(text);
  });

  it('given nothing declared then it reads UTF-8, and an unknown label is ignored', () => {
    const bytes = new Uint8Array(Buffer.from(`<t>${ARABIC}</t>`, 'utf8'));
    expect(decodeBytes(bytes)).toMatchObject({ text: `<t>${ARABIC}</t>`, from: 'default' });
    expect(decodeBytes(bytes, 'text/xml; charset=x-no-such-thing').from).toBe('default');
  });

  it('reads charsets from headers and declarations, including HTML meta', () => {
    expect(charsetOf('text/html; charset=UTF-8')).toBe('UTF-8');
    expect(charsetOf('text/html')).toBeNull();
    expect(declaredEncoding(new Uint8Array(Buffer.from('<html><head><meta charset="windows-1256">')))).toBe('windows-1256');
    expect(declaredEncoding(new Uint8Array(Buffer.from('<html>')))).toBeNull();
  });
});
