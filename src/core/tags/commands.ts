import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';
import { TAG_TEMPLATES, TAG_TEMPLATE_IDS, tagsPerPage } from '../../shared/tags/index.js';
import { uuidv7 } from '../../shared/ids.js';
import { tagsPdfStream } from './pdf.js';
import { selectTags } from './select.js';

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function tagHandlers(s: Services): Pick<Handlers, 'tags.templates' | 'tags.print'> {
  return {
    'tags.templates': () => TAG_TEMPLATE_IDS.map((id) => {
      const t = TAG_TEMPLATES[id];
      return { id, name: t.name, widthMm: t.label.width, heightMm: t.label.height, perPage: tagsPerPage(t), media: t.media };
    }),
    'tags.print': async (input) => {
      const shop = s.settings.get('shop')?.name ?? '';
      const tags = await selectTags(s.reads, input.selection, shop, localDate(s.clock()));
      if (tags.length === 0) return { count: 0, file: null };
      const id = `${uuidv7()}.pdf`;
      const name = `ценники-${localDate(s.clock())}.pdf`;
      await pipeline(tagsPdfStream(tags, input.templateId), createWriteStream(s.files.name(id, name)));
      return { count: tags.length, file: { id, name, size: (await stat(s.files.path(id))).size } };
    },
  };
}
