// The schemas the client checks with, in a module of their own: the client imports it on its
// first call, alongside the request, so zod is not part of a page's first load.
import { CasePageSchema, CaseSchema, OpinionInputSchema, RecordSchema } from '../model/case.js';
import { BackendConfigSchema } from '../model/config.js';
import { RequestDraftSchema, RequestSchema } from '../model/request.js';

export { parseWith } from '../model/parse.js';

/** Every kind of answer a backend gives, by name. */
export const answers = {
  case: CaseSchema,
  casePage: CasePageSchema,
  record: RecordSchema,
  config: BackendConfigSchema,
};

/** What the client checks before anything is sent. */
export const inputs = {
  request: RequestSchema,
  draft: RequestDraftSchema,
  opinion: OpinionInputSchema,
};
