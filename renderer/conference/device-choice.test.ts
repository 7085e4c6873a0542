import { describe, expect, it } from 'vitest';
import { resolveDevice } from './device-choice';

const options = [
  { deviceId: 'cam-a', label: 'Integrated Camera' },
  { deviceId: 'cam-b', label: 'USB Camera (046d:0825)' },
];

describe('resolveDevice', () => {
  it('keeps the remembered device when its id is still there', () => {
    expect(resolveDevice({ deviceId: 'cam-b', label: 'renamed' }, options)).toBe('cam-b');
  });

  it('finds the device by its label when its id changed', () => {
    expect(resolveDevice({ deviceId: 'old-id', label: 'USB Camera (046d:0825)' }, options)).toBe('cam-b');
  });

  it('falls back to the system default (null) when neither matches', () => {
    expect(resolveDevice({ deviceId: 'old-id', label: 'Gone Camera' }, options)).toBeNull();
  });

  it('is null without a remembered choice or without devices', () => {
    expect(resolveDevice(undefined, options)).toBeNull();
    expect(resolveDevice({ deviceId: 'cam-a', label: 'Integrated Camera' }, [])).toBeNull();
  });

  it('does not match an empty label to an unlabelled device', () => {
    expect(resolveDevice({ deviceId: 'old-id', label: '' }, [{ deviceId: 'x', label: '' }])).toBeNull();
  });
});
