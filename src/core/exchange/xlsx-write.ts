import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { ExchangeError } from './rows.js';
import { BatchedSink } from './sink.js';
import { cellOf, type Cell, type ColumnKind, type TableColumn, type TableRecord } from './table.js';

/** Excel's limit, header row included. */
const MAX_ROWS = 1_048_576;

/**
 * Style indexes into cellXfs below. Money and percent use Excel's built-in formats 4 (#,##0.00)
 * and 10 (0.00%), which Excel shows in the reader's locale: "1 234,56" in Russian Excel.
 */
const STYLE = { header: 1, money: 2, qty: 3, int: 4, percent: 5, date: 6, dateTime: 7 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.000"/><numFmt numFmtId="165" formatCode="dd.mm.yyyy hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`;

const BOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`;

function workbook(sheetName: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets>
</workbook>`;
}

const WIDTH: Record<ColumnKind, number> = { text: 30, money: 14, qty: 12, int: 10, percent: 9, date: 17 };

function sheetHead(columns: readonly TableColumn[]): string {
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(WIDTH[c.kind], Math.min(60, c.title.length + 2))}" customWidth="1"/>`).join('');
  // the header row stays in view while scrolling: a pane frozen below row 1
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>
<sheetFormatPr defaultRowHeight="15"/>
<cols>${cols}</cols>
<sheetData>`;
}

/**
 * An XLSX workbook of one sheet, streamed: rows go into the zip as they come, strings inline
 * (no shared-string table to hold in memory). Numbers are written from their exact decimal text.
 */
export async function writeXlsx(columns: readonly TableColumn[], rows: AsyncIterable<TableRecord> | Iterable<TableRecord>, out: Writable, sheetName: string): Promise<number> {
  const zip = new yazl.ZipFile();
  const sheet = new PassThrough();
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(ROOT_RELS), '_rels/.rels');
  zip.addBuffer(Buffer.from(workbook(safeSheetName(sheetName))), 'xl/workbook.xml');
  zip.addBuffer(Buffer.from(BOOK_RELS), 'xl/_rels/workbook.xml.rels');
  zip.addBuffer(Buffer.from(STYLES), 'xl/styles.xml');
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml');
  zip.end();
  const written = pipeline(zip.outputStream, out);
  // the zip stops reading the sheet if the output fails; stop writing it then too
  written.catch(() => sheet.destroy());
  const refs = columns.map((_c, i) => columnName(i));
  const sink = new BatchedSink(sheet);
  let count = 0;
  try {
    await sink.write(sheetHead(columns));
    await sink.write(`<row r="1">${columns.map((c, i) => `<c r="${refs[i]}1" s="${STYLE.header}" t="inlineStr"><is><t>${escapeXml(c.title)}</t></is></c>`).join('')}</row>`);
    for await (const record of rows) {
      count++;
      const r = count + 1;
      if (r > MAX_ROWS) throw new ExchangeError('export.tooManyRows', count, { max: MAX_ROWS - 1 });
      let xml = `<row r="${r}">`;
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i] as TableColumn;
        xml += cellXml(cellOf(column, record[column.key], count), `${refs[i]}${r}`);
      }
      await sink.write(`${xml}</row>`);
    }
    await sink.write('</sheetData></worksheet>');
    await sink.flush();
    sheet.end();
  } catch (err) {
    sheet.destroy();
    out.destroy();
    throw err;
  }
  await written;
  return count;
}

function cellXml(cell: Cell, ref: string): string {
  switch (cell.type) {
    case 'empty': return '';
    case 'text': return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.text)}</t></is></c>`;
    case 'number': return `<c r="${ref}" s="${STYLE[cell.kind]}"><v>${cell.value}</v></c>`;
    case 'date': return `<c r="${ref}" s="${cell.withTime ? STYLE.dateTime : STYLE.date}"><v>${cell.serial}</v></c>`;
  }
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** XML 1.0 cannot carry most control characters: OOXML spells them _xHHHH_ (and so a literal "_x…_" too). */
function escapeXml(text: string): string {
  return text
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Excel's rules for a tab name: at most 31 characters, none of []:*?/\ */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}
