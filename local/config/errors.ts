import { LocalError } from '../errors.js';

/** What the local configuration refuses: each message names the flag, file or value at fault. */
export type ConfigErrorCode =
  'DataDirInUse' | 'DataDirLocked' | 'BadOverride' | 'PortInUse' | 'PortNotAllowed';

export class ConfigError extends LocalError<ConfigErrorCode> {
  override readonly name = 'ConfigError';
}
