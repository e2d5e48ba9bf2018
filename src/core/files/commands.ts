import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';

export function fileHandlers(s: Services): Pick<Handlers, 'files.put' | 'files.read'> {
  return {
    'files.put': (input) => ({ size: s.files.put(input.id, input.name, input.offset, Buffer.from(input.data, 'base64')) }),
    'files.read': (input) => s.files.read(input.id, input.offset),
  };
}
