import type { DeviceChoice } from '../../common/desktop-api';
import type { DeviceOption } from './local-media';

/**
 * The device to use for a remembered choice: the same id if it is still there, else a device with
 * the same label (ids change on some systems), else null for the system default.
 */
export function resolveDevice(choice: DeviceChoice | undefined, options: readonly DeviceOption[]): string | null {
  if (!choice) return null;
  const byId = options.find((option) => option.deviceId === choice.deviceId);
  if (byId) return byId.deviceId;
  const byLabel = choice.label ? options.find((option) => option.label === choice.label) : undefined;
  return byLabel?.deviceId ?? null;
}
