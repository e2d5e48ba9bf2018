import { z } from 'zod';
import { commands, type CommandDef } from '../../shared/contract/commands.js';

/**
 * The HTTP API is the contract itself: one POST per command, its body the command's
 * input schema and its answer the output schema, generated from the same zod objects.
 */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(commands) as [string, CommandDef][]) {
    const who = def.permission.role === 'public' ? 'anyone' : def.permission.role === 'any' ? 'any logged-in user' : `${def.permission.role} or above`;
    paths[`/api/${name}`] = {
      post: {
        operationId: name,
        summary: def.summary,
        description: `Allowed to: ${who}${def.permission.override ? ' (or with a manager PIN in `override`)' : ''}.`,
        security: def.permission.role === 'public' ? [{ connectionKey: [] }] : [{ connectionKey: [], session: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }) } } },
        responses: {
          200: { description: 'Done', content: { 'application/json': { schema: { type: 'object', properties: { result: z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }) } } } } },
          default: { description: 'Refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Lavka till API', version, description: 'Every command of the till core. Log in with auth.login, then send the token as `Authorization: Bearer`.' },
    paths,
    components: {
      securitySchemes: {
        connectionKey: { type: 'apiKey', in: 'header', name: 'x-lavka-key', description: 'The key printed in the `ready` URL of `lavka serve`' },
        session: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object', required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string', description: 'i18n key' }, details: { type: 'object' } },
            },
          },
        },
      },
    },
  };
}
