// Revoking a device from the laptop (Settings → Devices): the host checks its
// own reading of the record, never the window's, and writes `device.revoked`
// with its own key, after the last event of that device it holds. Everything
// that device wrote up to there stays; every receiver refuses what follows.
import type { DeviceRevokeRefusal } from '../../common/bridge/devices-contract';
import { mayRevoke } from '../../common/events/devices';
import type { EventDraft, PersonRef, Workspace } from '../../common/events/event';
import type { EventLog } from '../../common/sync/event-log';
import type { Logger } from '../services/logger';
import { CallRefused, type Handlers } from './bridge-router';
import type { RecordView } from './record-view';

/** What the revocation needs of one workspace's record in this host. */
export interface RevocableRecord {
  readonly view: RecordView;
  log(): Promise<EventLog>;
  /** This host's own device in that record. */
  deviceId(): Promise<string>;
  /** Writes as this host's device, and tells windows and the hub. */
  append(drafts: readonly EventDraft[]): Promise<void>;
}

export interface DevicesHostOptions {
  readonly record: (workspace: Workspace | undefined) => RevocableRecord;
  /** The person at the laptop: the revocation is theirs. */
  readonly person: () => PersonRef;
  readonly logger: Logger;
}

function refuse(reason: DeviceRevokeRefusal): never {
  throw new CallRefused(reason);
}

export function createDevicesHost(options: DevicesHostOptions): { handlers: Pick<Handlers, 'devices:revoke'> } {
  return {
    handlers: {
      'devices:revoke': async ({ workspace, deviceId, reason }) => {
        const record = options.record(workspace);
        const self = await record.deviceId();
        // A host that revoked itself could write nothing more, and nothing here would replace its key.
        if (deviceId === self) return refuse('this-laptop');
        const device = (await record.view.current()).devices.get(deviceId);
        // A device known only by a revocation that named it wrote nothing here.
        if (!device || device.events === 0) return refuse('unknown-device');
        if (device.revokedAfter !== undefined) return refuse('already-revoked');
        if (!mayRevoke({ deviceId: self, kind: 'host' }, device, deviceId)) return refuse('not-sponsored');
        // Its events this host holds stay; any later one, wherever it turns up, is refused.
        const afterSeq = (await (await record.log()).vector())[deviceId] ?? 0;
        await record.append([
          {
            type: 'device.revoked',
            actor: options.person().name,
            payload: { deviceId, afterSeq, ...(reason ? { reason } : {}) },
          },
        ]);
        options.logger.info(`revoked ${deviceId} after #${afterSeq}`);
        return { deviceId, afterSeq };
      },
    },
  };
}
