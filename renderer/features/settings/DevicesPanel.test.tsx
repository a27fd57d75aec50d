// Settings → Devices and the band of a refused window, in both languages: this
// laptop's devices marked, a revoke button only where this laptop may revoke,
// two steps before anything is asked of the host, its refusals in words; and a
// revoked window told who revoked it.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceView, Devices } from '../../../common/domain/devices';
import { getEventStore } from '../../db';
import { setLocale } from '../../i18n';
import { useUiStore } from '../../store/ui-store';
import { DeviceTable, type RevokeDevice } from './DevicesPanel';
import { WriteRefusalBanner } from './WriteRefusalBanner';

const T0 = Date.UTC(2026, 2, 14, 9, 30);
const HOUR = 3_600_000;

function device(deviceId: string, patch: Partial<DeviceView>): DeviceView {
  return {
    deviceId,
    kind: 'host',
    person: { name: deviceId },
    sponsor: undefined,
    publicKey: 'ab'.repeat(32),
    firstSeen: T0,
    lastSeen: T0 + HOUR,
    events: 4,
    revokedAfter: undefined,
    revokedBy: undefined,
    revokedAt: undefined,
    forked: false,
    ...patch,
  };
}

const OWN = { hostId: 'laptop-alice', windowId: 'window-alice' };

/** Alice's laptop, its window and a teammate's browser it let in; Bruno's laptop and a browser it let in. */
function workspace(): Devices {
  return new Map(
    [
      device('laptop-alice', { person: { name: 'Alice' }, events: 12 }),
      device('window-alice', { kind: 'window', person: { name: 'Alice' }, sponsor: 'laptop-alice', firstSeen: T0 + 1 }),
      device('lan-tariq', { kind: 'lan', person: { name: 'Tariq' }, sponsor: 'laptop-alice', firstSeen: T0 + 2 }),
      device('laptop-bruno', { person: { name: 'Bruno' }, firstSeen: T0 + 3 }),
      device('lan-chloe', { kind: 'lan', person: { name: 'Chloé' }, sponsor: 'laptop-bruno', firstSeen: T0 + 4 }),
      device('lan-old', {
        kind: 'lan',
        person: { name: 'Omar' },
        sponsor: 'laptop-alice',
        firstSeen: T0 + 5,
        revokedAfter: 3,
        revokedBy: 'laptop-alice',
        revokedAt: T0 + 2 * HOUR,
        forked: true,
      }),
      // A window of a laptop that has written nothing of its own.
      device('window-dana', { kind: 'window', person: { name: 'Dana' }, sponsor: 'laptop-dana', firstSeen: T0 + 6 }),
    ].map((each) => [each.deviceId, each]),
  );
}

function row(deviceId: string): HTMLElement {
  const found = screen.getAllByTestId('device-row').find((element) => element.dataset.deviceId === deviceId);
  if (!found) throw new Error(`no row for ${deviceId}`);
  return found;
}

afterEach(async () => {
  cleanup();
  useUiStore.setState({ access: null, writeRefusal: null });
  await act(() => setLocale('en'));
});

describe('the devices panel', () => {
  it('lists every device with its person, kind and sponsor, and marks this laptop’s own', () => {
    render(<DeviceTable devices={workspace()} own={OWN} canRevoke onRevoke={vi.fn()} />);
    expect(screen.getAllByTestId('device-row').map((element) => element.dataset.deviceId)).toEqual([
      'laptop-alice',
      'window-alice',
      'lan-tariq',
      'laptop-bruno',
      'lan-chloe',
      'lan-old',
      'window-dana',
    ]);
    expect(within(row('laptop-alice')).getByTestId('device-own').textContent).toBe('This laptop');
    expect(within(row('window-alice')).getByTestId('device-own').textContent).toBe('This window');
    expect(within(row('lan-tariq')).getByTestId('device-own').textContent).toBe('Let in by this laptop');
    expect(within(row('laptop-bruno')).queryByTestId('device-own')).toBeNull();
    expect(within(row('lan-tariq')).getByTestId('device-kind').textContent).toBe('Teammate’s browser on the LAN');
    expect(within(row('lan-tariq')).getByTestId('device-sponsor').textContent).toBe('This laptop');
    expect(within(row('lan-chloe')).getByTestId('device-sponsor').textContent).toBe('Bruno (laptop-b)');
    expect(within(row('window-dana')).getByTestId('device-sponsor').textContent).toBe('Another laptop (laptop-d)');
    expect(within(row('laptop-alice')).getByTestId('device-events').textContent).toBe('12');
    expect(within(row('lan-old')).getByTestId('device-revocation').textContent).toMatch(
      /^Revoked .+ by Alice, after event #3 · it signed two different histories; both events are the proof, in the record$/,
    );
    expect(row('lan-old').dataset.revoked).toBe('true');
  });

  it('offers to revoke only what this laptop let in, other than this window and what is revoked already', () => {
    render(<DeviceTable devices={workspace()} own={OWN} canRevoke onRevoke={vi.fn()} />);
    const revocable = screen
      .getAllByTestId('device-row')
      .filter((element) => within(element).queryByTestId('device-revoke') !== null)
      .map((element) => element.dataset.deviceId);
    expect(revocable).toEqual(['lan-tariq']);
    expect(within(row('laptop-bruno')).getByTestId('device-not-revocable').title).toContain('npm run hub -- device');
  });

  it('asks for a confirmation before revoking, sends the reason, and says what became of it', async () => {
    const onRevoke = vi.fn<RevokeDevice>(async () => ({ ok: true, afterSeq: 4 }));
    render(<DeviceTable devices={workspace()} own={OWN} canRevoke onRevoke={onRevoke} />);
    fireEvent.click(within(row('lan-tariq')).getByTestId('device-revoke'));
    const confirm = screen.getByTestId('device-confirm');
    expect(confirm.textContent).toContain('Revoke Tariq’s device (Teammate’s browser on the LAN, lan-tari)?');
    expect(confirm.textContent).toContain('The 4 events it wrote stay in the record.');
    fireEvent.click(screen.getByTestId('device-revoke-cancel'));
    expect(screen.queryByTestId('device-confirm')).toBeNull();
    expect(onRevoke).not.toHaveBeenCalled();

    fireEvent.click(within(row('lan-tariq')).getByTestId('device-revoke'));
    fireEvent.change(screen.getByTestId('device-revoke-reason'), { target: { value: '  left the room ' } });
    fireEvent.click(screen.getByTestId('device-revoke-confirm'));
    await waitFor(() =>
      expect(screen.getByTestId('device-revoke-outcome').textContent).toBe(
        'lan-tari is revoked: its events after #4 are refused.',
      ),
    );
    expect(onRevoke).toHaveBeenCalledWith('lan-tariq', 'left the room');
    expect(screen.queryByTestId('device-confirm')).toBeNull();
  });

  it('shows the host’s refusal in words', async () => {
    const onRevoke: RevokeDevice = async () => ({ ok: false, message: 'That device is revoked already.' });
    render(<DeviceTable devices={workspace()} own={OWN} canRevoke onRevoke={onRevoke} />);
    fireEvent.click(within(row('lan-tariq')).getByTestId('device-revoke'));
    fireEvent.click(screen.getByTestId('device-revoke-confirm'));
    await waitFor(() =>
      expect(screen.getByTestId('device-revoke-outcome').textContent).toBe('That device is revoked already.'),
    );
    expect(screen.getByTestId('device-revoke-outcome').getAttribute('role')).toBe('alert');
  });

  it('offers no revocation in a teammate’s browser', () => {
    render(<DeviceTable devices={workspace()} own={OWN} canRevoke={false} onRevoke={vi.fn()} />);
    expect(screen.queryAllByTestId('device-revoke')).toEqual([]);
    expect(screen.queryAllByTestId('device-not-revocable')).toEqual([]);
  });

  it('speaks French', async () => {
    await act(() => setLocale('fr'));
    render(<DeviceTable devices={workspace()} own={OWN} canRevoke onRevoke={vi.fn()} />);
    expect(within(row('laptop-alice')).getByTestId('device-own').textContent).toBe('Ce portable');
    expect(within(row('lan-tariq')).getByTestId('device-kind').textContent).toBe(
      'Navigateur d’un coéquipier sur le réseau local',
    );
    expect(within(row('lan-old')).getByTestId('device-revocation').textContent).toMatch(
      /^Révoqué le .+ par Alice, après l’événement nº 3 · il a signé deux historiques différents ; les deux événements en sont la preuve, dans le registre$/,
    );
    fireEvent.click(within(row('lan-tariq')).getByTestId('device-revoke'));
    expect(screen.getByTestId('device-confirm').textContent).toContain('Révoquer l’appareil de Tariq');
  });
});

describe('the band of a refused window', () => {
  it('tells a revoked teammate’s browser who revoked it, in English and French', async () => {
    const { deviceId } = await getEventStore().identity();
    const devices: Devices = new Map([
      ['laptop-alice', device('laptop-alice', { person: { name: 'Alice' } })],
      [
        deviceId,
        device(deviceId, { kind: 'lan', sponsor: 'laptop-alice', revokedAfter: 5, revokedBy: 'laptop-alice' }),
      ],
    ]);
    useUiStore.setState({
      access: { isAtLaptop: false, laptopOnly: [] },
      writeRefusal: { code: 'device-revoked', message: `${deviceId} was revoked by laptop-alice after #5` },
    });
    render(<WriteRefusalBanner devices={devices} />);
    await waitFor(() =>
      expect(screen.getByTestId('write-refusal-text').textContent).toBe(
        'This browser was revoked by Alice: what you write here is no longer accepted and reaches nobody.',
      ),
    );
    await act(() => setLocale('fr'));
    expect(screen.getByTestId('write-refusal-text').textContent).toBe(
      'Ce navigateur a été révoqué par Alice : ce que vous écrivez ici n’est plus accepté et ne parvient à personne.',
    );
  });

  it('stays while the record says this window is revoked, with no refusal pending', async () => {
    const { deviceId } = await getEventStore().identity();
    const devices: Devices = new Map([
      ['hub-1', device('hub-1', { kind: 'hub', person: { name: 'Team hub' } })],
      [deviceId, device(deviceId, { kind: 'window', sponsor: 'laptop-alice', revokedAfter: 5, revokedBy: 'hub-1' })],
    ]);
    render(<WriteRefusalBanner devices={devices} />);
    await waitFor(() =>
      expect(screen.getByTestId('write-refusal-text').textContent).toBe(
        'This window was revoked by the team hub: what you write here is no longer accepted and reaches nobody.',
      ),
    );
    expect(screen.getByTestId('write-refusal').dataset.code).toBe('device-revoked');
  });

  it('says it was revoked before it knows by whom, names any other refusal by its code, and goes once the host takes it', () => {
    useUiStore.setState({ writeRefusal: { code: 'device-revoked', message: 'revoked' } });
    const { rerender } = render(<WriteRefusalBanner devices={new Map()} />);
    expect(screen.getByTestId('write-refusal-text').textContent).toBe(
      'This window was revoked: what you write here is no longer accepted and reaches nobody.',
    );
    act(() => useUiStore.setState({ writeRefusal: { code: 'wrong-actor', message: 'written as "Eve"' } }));
    rerender(<WriteRefusalBanner devices={new Map()} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'The laptop refuses what you write here (wrong-actor): it stays in this window and reaches nobody until the cause is fixed.Details: written as "Eve"',
    );
    act(() => useUiStore.setState({ writeRefusal: null }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
