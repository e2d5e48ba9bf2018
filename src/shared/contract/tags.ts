import { z } from 'zod';
import { command } from './define.js';
import { Id } from './schemas.js';
import { FileRef } from './files.js';
import { TAG_TEMPLATE_IDS } from '../tags/index.js';

export const TagSelection = z.discriminatedUnion('by', [
  z.object({ by: z.literal('products'), productIds: z.array(Id).min(1).max(10_000) }).strict(),
  z.object({ by: z.literal('group'), groupId: Id }).strict(),
  /** prices or cards changed since this moment */
  z.object({ by: z.literal('changedSince'), since: z.iso.datetime({ offset: true }) }).strict(),
  /** the goods of a stock document (an intake: "received in this invoice") */
  z.object({ by: z.literal('doc'), docId: Id }).strict(),
]);

export const tagCommands = {
  'tags.templates': command({
    summary: 'Price tag templates: A4 sheets and labels',
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.enum(TAG_TEMPLATE_IDS), name: z.object({ ru: z.string(), en: z.string() }), widthMm: z.number(), heightMm: z.number(), perPage: z.number().int(), media: z.enum(['sheet', 'label']) })),
    permission: { role: 'senior' }, mutates: false,
  }),
  'tags.print': command({
    summary: 'Price tags for a selection of products: a PDF to print, or straight to the label printer (progress as tags.progress events)',
    input: z.object({
      selection: TagSelection,
      templateId: z.enum(TAG_TEMPLATE_IDS),
      /** pdf: a file to download and print; label: the label printer set up among the devices (label templates only) */
      target: z.enum(['pdf', 'label']).default('pdf'),
      /** names a label run in its tags.progress events */
      id: Id.optional(),
    }).strict(),
    /** count: the tags in the PDF, or the labels the label printer was sent (file null) */
    output: z.object({ count: z.number().int(), file: FileRef.nullable() }),
    permission: { role: 'senior' }, mutates: false,
  }),
};
