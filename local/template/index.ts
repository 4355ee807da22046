// local/template: a CloudFormation template, loaded and resolved to the local stack.
export type { LoadOptions, ResourceModel, StackInfo, TemplateModel } from './types.js';
export { TemplateError, type TemplateErrorCode } from './errors.js';
export { loadTemplate, resolveTemplate, unknownTypesWarning } from './load.js';
export { parseTemplate } from './parse.js';
export { resolveFunctionCode } from './code.js';
export { functionSettings } from './function.js';
