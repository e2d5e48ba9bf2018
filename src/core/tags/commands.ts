import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';
import type { CommandOutput, ParsedInput } from '../../shared/contract/commands.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { TAG_TEMPLATES, TAG_TEMPLATE_IDS, tagsPerPage, type PriceTag, type TagTemplate } from '../../shared/tags/index.js';
import type { LabelPrinter } from '../ports/labels.js';
import { uuidv7 } from '../../shared/ids.js';
import { heardOfError } from '../devices/ask.js';
import { tagsPdfStream } from './pdf.js';
import { countTags, tagPages } from './select.js';

type Print = ParsedInput<'tags.print'>;
type Printed = CommandOutput<'tags.print'>;

/**
 * Labels sent between two looks at the label printer: paper running out mid-run stops it within this many,
 * and the progress is told as often.
 */
export const LABEL_CHUNK = 20;

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function* each(pages: AsyncIterable<PriceTag[]>, counted: { n: number }): AsyncGenerator<PriceTag> {
  for await (const page of pages) {
    for (const tag of page) {
      counted.n++;
      yield tag;
    }
  }
}

export function tagHandlers(s: Services): Pick<Handlers, 'tags.templates' | 'tags.print'> {
  let labelRun = false;
  const pages = (input: Print) => tagPages(s.reads, input.selection, s.settings.get('shop')?.name ?? '', localDate(s.clock()));

  async function toPdf(input: Print): Promise<Printed> {
    if ((await countTags(s.reads, input.selection)) === 0) return { count: 0, file: null };
    const id = `${uuidv7()}.pdf`;
    const name = `ценники-${localDate(s.clock())}.pdf`;
    const counted = { n: 0 };
    await pipeline(tagsPdfStream(each(pages(input), counted), input.templateId), createWriteStream(s.files.name(id, name)));
    return { count: counted.n, file: { id, name, size: (await stat(s.files.path(id))).size } };
  }

  /** Tags to the label printer, on a label template, one run at a time. */
  async function toLabelPrinter(input: Print): Promise<Printed> {
    const template = TAG_TEMPLATES[input.templateId];
    if (template.media !== 'label') {
      throw new LavkaError('validation', 'errors.labelTemplate', { issues: [{ path: 'templateId', message: 'a label template, for the label printer' }] });
    }
    const printer = s.devices.labelPrinter;
    if (!printer) throw new LavkaError('conflict', 'errors.deviceNotSet', { device: 'labelPrinter' });
    // two runs at once would interleave their chunks on one roll
    if (labelRun) throw new LavkaError('conflict', 'errors.labelPrinterBusy');
    labelRun = true;
    try {
      return await printLabels(input, printer, template);
    } finally {
      labelRun = false;
    }
  }

  /**
   * A chunk at a time as the catalogue is read: the printer is asked before each chunk (so paper out stops
   * the run), and the till goes on serving between labels.
   */
  async function printLabels(input: Print, printer: LabelPrinter, template: TagTemplate): Promise<Printed> {
    const total = await countTags(s.reads, input.selection);
    let printed = 0;
    for await (const page of pages(input)) {
      for (let i = 0; i < page.length; i += LABEL_CHUNK) {
        const chunk = page.slice(i, i + LABEL_CHUNK);
        try {
          await printer.print(chunk, template);
        } catch (err) {
          const { problem, detail } = heardOfError(err);
          throw new LavkaError('rejected', 'errors.labelPrinter', { problem, detail, printed, total });
        }
        printed += chunk.length;
        // the catalogue may have grown since it was counted
        if (input.id) s.events.emit('tags.progress', { id: input.id, printed, total: Math.max(total, printed) });
      }
    }
    return { count: printed, file: null };
  }

  return {
    'tags.templates': () => TAG_TEMPLATE_IDS.map((id) => {
      const t = TAG_TEMPLATES[id];
      return { id, name: t.name, widthMm: t.label.width, heightMm: t.label.height, perPage: tagsPerPage(t), media: t.media };
    }),
    'tags.print': (input) => (input.target === 'label' ? toLabelPrinter(input) : toPdf(input)),
  };
}
