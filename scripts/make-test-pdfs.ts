/**
 * Test PDFs for the PDF viewer, generated with pdf-lib so that no binary file lives in the
 * repository: the bundled sample article as a one-column PDF, a long two-column report (200
 * pages, a heading and a footnote on each, officials and quotations running over page breaks),
 * a scanned-looking PDF with an image and no text, a corrupt file, and one that asks for a
 * password. pdf-lib cannot encrypt, so the "encrypted" file carries a Standard security handler
 * whose password checks fail for the empty password: every reader, PDF.js included, asks for
 * a password, which is all a viewer sees of encryption before it has the key.
 *
 * `npx tsx scripts/make-test-pdfs.ts [DIR]` writes them to DIR (default .tmp/test-pdfs); the
 * end-to-end tests and the benchmark call `makeTestPdfs()` and keep the bytes in memory.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, PDFHexString, PDFName, rgb, StandardFonts } from 'pdf-lib';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The generated files by name. */
export interface TestPdfs {
  'sample.pdf': Uint8Array;
  'report-200.pdf': Uint8Array;
  'scanned.pdf': Uint8Array;
  'corrupt.pdf': Uint8Array;
  'encrypted.pdf': Uint8Array;
}

/** Keeps only characters the standard font can draw (WinAnsi), so pdf-lib never throws. */
function drawable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text.replace(/\u00ad/g, '')]
    .map((c) => (known.has(c.codePointAt(0) ?? 0) ? c : '?'))
    .join('');
}

/** Breaks `text` into lines no wider than `width` at `size`. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The sample article (sample/article.txt) on A4 pages, one column, title on page 1. */
export async function samplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Trans-Caspian gas talks gain momentum as Washington steps up its role');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const text = drawable(font, readFileSync(path.join(ROOT, 'sample/article.txt'), 'utf8'));
  const size = 11;
  const lines = wrap(font, text, size, 595 - 144);
  let page = doc.addPage([595, 842]);
  let y = 842 - 72;
  page.drawText('Trans-Caspian gas talks gain momentum', { x: 72, y, size: 16, font: bold });
  y -= 32;
  for (const line of lines) {
    if (y < 72) {
      page = doc.addPage([595, 842]);
      y = 842 - 72;
    }
    page.drawText(line, { x: 72, y, size, font });
    y -= size * 1.4;
  }
  return doc.save();
}

const OFFICIALS = [
  ['Foreign Minister', 'Daria Kovalenko', 'Kovalenko'],
  ['Deputy Secretary of State', 'Marcus Hale', 'Hale'],
  ['Energy Minister', 'Rustam Kelderov', 'Kelderov'],
  ['European Commissioner for Energy', 'Ingrid Solvang', 'Solvang'],
  ['Prime Minister', 'Leyla Rahimova', 'Rahimova'],
] as const;

const FILLER = [
  'The corridor would move gas from offshore fields to the western coast through a pipeline of about three hundred kilometres.',
  'Financing remains the open question, with lenders asking for long contracts before they commit to the first section.',
  'Regional ports have expanded their terminals, and rail operators report that freight volumes rose for the third year running.',
  'Analysts expect the environmental review to take at least eighteen months once the route is fixed by both governments.',
  'Officials on both sides describe the talks as technical rather than political, although the timetable says otherwise.',
  'Demand in the importing markets depends on how quickly coal plants close and how much wind capacity is connected.',
];

/** The running text of the long report: paragraphs naming officials and quoting them. */
function reportParagraphs(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const [title, name, surname] = OFFICIALS[i % OFFICIALS.length] as readonly [
      string,
      string,
      string,
    ];
    const a = FILLER[i % FILLER.length];
    const b = FILLER[(i + 2) % FILLER.length];
    const c = FILLER[(i + 4) % FILLER.length];
    out.push(
      `${title} ${name} met the delegation in round ${i + 1} of the talks. ${a} ` +
        `“We have agreed on the next steps for section ${i + 1}, and the engineers will report before the summer. ${b}” ${surname} said after the meeting. ${c}`,
    );
  }
  return out;
}

/**
 * The long report's running header, repeated at the top of every page. It names an official
 * found nowhere else in the report, so that a viewer which analyses it is easy to catch.
 */
export const RUNNING_HEADER = 'Prepared for Ambassador Noor Halvorsen';

/**
 * The long report: `pages` A4 pages, two columns of 10-point text, a running header, a heading
 * and a page number on each, a footnote at the foot of each; paragraphs flow from column to column and
 * page to page, so sentences, names and quotations are cut by column and page breaks.
 */
export async function reportPdf(pages = 200): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Energy corridors of the Caspian: a long report');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const size = 10;
  const leading = 13;
  const margin = 54;
  const gutter = 20;
  const colWidth = (595 - 2 * margin - gutter) / 2;
  const top = 842 - margin - 30;
  const bottom = margin + 40;
  const linesPerColumn = Math.floor((top - bottom) / leading);
  // Enough text for every page: each paragraph is about 11 lines of a column.
  const paragraphs = reportParagraphs(Math.ceil((pages * 2 * linesPerColumn) / 10));
  const lines = paragraphs.flatMap((p) => [...wrap(font, p, size, colWidth), '']);
  let next = 0;
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    // A running header naming an official: without its removal, one mention on every page.
    page.drawText(RUNNING_HEADER, { x: margin, y: 842 - 30, size: 8, font });
    page.drawText(`Section ${p}: energy corridors and the talks`, {
      x: margin,
      y: 842 - margin,
      size: 13,
      font: bold,
    });
    for (let col = 0; col < 2; col++) {
      const x = margin + col * (colWidth + gutter);
      for (let l = 0; l < linesPerColumn && next < lines.length; l++) {
        const line = lines[next++] ?? '';
        if (line) page.drawText(line, { x, y: top - l * leading, size, font });
      }
    }
    page.drawText(`${p}. Interviews and meeting notes, Tolkar, March ${(p % 28) + 1}.`, {
      x: margin,
      y: margin + 12,
      size: 7,
      font,
      color: rgb(0.3, 0.3, 0.3),
    });
    page.drawText(String(p), { x: 595 - margin, y: margin - 14, size: 8, font });
  }
  return doc.save();
}

/** A tiny PNG (greyscale) of dark bars on white: a page of "text" with no text in it. */
function barsPng(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    const inLine = y % 24 >= 6 && y % 24 < 16 && y > 40 && y < height - 40;
    for (let x = 0; x < width; x++) {
      const ink = inLine && x > 40 && x < width - 40 && (x * 7 + y) % 53 > 6;
      raw[y * (width + 1) + 1 + x] = ink ? 40 : 250;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Two pages that are only pictures of text, as a scanner makes them. */
export async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(barsPng(595, 842));
  for (let i = 0; i < 2; i++) {
    doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return doc.save();
}

/** A PDF header followed by bytes that are no PDF at all. */
export function corruptPdf(): Uint8Array {
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 131 + 7) % 251;
  return Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), junk]);
}

/** A one-page PDF whose Standard security handler wants a password the test never gives. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Confidential', { x: 72, y: 760, size: 12, font });
  const bytes32 = (seed: number) =>
    PDFHexString.of(
      Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0'))
        .join('')
        .toUpperCase(),
    );
  const ctx = doc.context;
  const encrypt = ctx.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -4 });
  encrypt.set(PDFName.of('O'), bytes32(11));
  encrypt.set(PDFName.of('U'), bytes32(97));
  ctx.trailerInfo.Encrypt = ctx.register(encrypt);
  const id = PDFHexString.of('0123456789ABCDEF0123456789ABCDEF');
  ctx.trailerInfo.ID = ctx.obj([id, id]);
  return doc.save({ useObjectStreams: false });
}

/** Every test PDF, in memory. */
export async function makeTestPdfs(reportPages = 200): Promise<TestPdfs> {
  return {
    'sample.pdf': await samplePdf(),
    'report-200.pdf': await reportPdf(reportPages),
    'scanned.pdf': await scannedPdf(),
    'corrupt.pdf': corruptPdf(),
    'encrypted.pdf': await encryptedPdf(),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const dir = path.resolve(process.argv[2] ?? path.join(ROOT, '.tmp/test-pdfs'));
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(await makeTestPdfs())) {
    writeFileSync(path.join(dir, name), bytes);
    console.log(`${path.join(dir, name)} (${Math.round(bytes.length / 1024)} KiB)`);
  }
}
