// local/template: a CloudFormation template, loaded and resolved to the local stack.
export type * from './types.js';
export { TemplateError, showIntrinsic, type TemplateErrorCode } from './errors.js';
export { loadTemplate, resolveTemplate, unknownTypesWarning } from './load.js';
export { parseTemplate } from './parse.js';
export { resolveFunctionCode, type FunctionCode } from './code.js';
export { functionSettings, type FunctionSettings } from './function.js';
export { PLAYED_TYPES, RECORDED_TYPES, classify, generatedName } from './identity.js';
