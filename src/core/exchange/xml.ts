import { SaxesParser } from 'saxes';
import { ExchangeError } from './rows.js';

/** What a streaming XML reader does with each event; names come without their namespace prefix. */
export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>, line: number): void;
  text(text: string): void;
  close(name: string): void;
}

/**
 * Feeds an XML byte stream to a SAX parser chunk by chunk and yields after each chunk, so the
 * caller can hand on what its handlers gathered before more is read: memory stays that of one
 * chunk however large the file. The encoding comes from the XML declaration (1C still writes
 * some exchange files in windows-1251); UTF-8 otherwise.
 */
export async function* feedXml(bytes: AsyncIterable<Uint8Array>, handlers: XmlHandlers, lines = true): AsyncGenerator<void> {
  // tracking lines costs a check per character: worth it only where records are reported by line
  const parser = new SaxesParser({ position: lines, xmlns: false });
  // saxes reports through a callback, and a handler may throw: the first problem wins
  const failed: { error: Error | null; line: number | null } = { error: null, line: null };
  const fail = (err: unknown) => {
    if (failed.error) return;
    failed.error = err instanceof Error ? err : new Error(String(err));
    failed.line = lines ? parser.line : null;
  };
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes, parser.line));
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('error', fail);
  let decoder: TextDecoder | null = null;
  const write = (text: string) => {
    try {
      parser.write(text);
    } catch (err) {
      fail(err);
    }
    if (failed.error) throw xmlError(failed.error, failed.line);
  };
  for await (const chunk of bytes) {
    decoder ??= new TextDecoder(declaredEncoding(chunk));
    write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  if (decoder) write(decoder.decode());
  try {
    parser.close();
  } catch (err) {
    fail(err);
  }
  if (failed.error) throw xmlError(failed.error, failed.line);
  yield;
}

function xmlError(err: Error, line: number | null): ExchangeError {
  if (err instanceof ExchangeError) return err;
  // saxes prefixes its messages with "file:line:column: "
  return new ExchangeError('import.xmlBroken', line, { detail: err.message.replace(/^[^:]*:\d+:\d+: /, '') });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function declaredEncoding(head: Uint8Array): string {
  const decl = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(Buffer.from(head.subarray(0, 200)).toString('latin1'));
  const name = decl?.[1]?.toLowerCase();
  return name === 'windows-1251' || name === 'cp1251' ? 'windows-1251' : 'utf-8';
}
