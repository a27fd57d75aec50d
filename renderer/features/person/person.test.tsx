// The person at a device: named once, then changed only by a confirmed
// hand-over that writes one signed device.person-changed; earlier entries keep
// their person, later ones carry the new one; an empty name writes nothing.
// Through the real store (fake-indexeddb) and the real components.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyChains } from '../../../common/events/chain';
import type { EventDraft, WarEvent } from '../../../common/events/event';
import { DraftError, EventStore, getEventStore, getProjection, useWarRoomState, WarRoomDatabase } from '../../db';
import { setLocale } from '../../i18n';
import { ownPerson, useOwnPerson } from './own-person';
import { PersonBox } from './PersonBox';
import { WhoAreYou } from './WhoAreYou';

let n = 0;
const opened: WarRoomDatabase[] = [];
/** A store as the window holds it: its person changes only by changePerson. */
function heldStore(): EventStore {
  const db = new WarRoomDatabase(`person-${(n += 1)}`);
  opened.push(db);
  const store = new EventStore(db);
  return store;
}

afterEach(async () => {
  cleanup();
  for (const db of opened.splice(0)) db.close();
  await act(() => setLocale('en'));
});

const declare = (actor: string): EventDraft => ({
  type: 'incident.declared',
  actor,
  payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure' },
});
const note = (incidentId: string, actor: string, text: string): EventDraft => ({
  type: 'incident.note-added',
  incidentId,
  actor,
  payload: { text },
});

/** Each event of this device's chain as [seq, type, actor]. */
async function chain(store: EventStore): Promise<[number, string, string][]> {
  const events = await store.all();
  return [...events].sort((a, b) => a.seq - b.seq).map((event) => [event.seq, event.type, event.actor]);
}

describe('the person a held store writes under', () => {
  it('a confirmed hand-over writes exactly one device.person-changed; earlier entries keep their person, later ones carry the new one', async () => {
    const store = heldStore();
    expect(await store.person()).toBeNull();
    const [declared] = await store.append([declare('Alice')]);
    await store.append([note(declared!.id, 'Alice', 'PSP answers 502')]);

    const changed = await store.changePerson('  Bruno Marchand  ');
    expect(changed.map((event) => [event.type, event.actor, event.payload])).toEqual([
      ['device.person-changed', 'Bruno Marchand', { person: { name: 'Bruno Marchand' } }],
    ]);
    // A view still holding the old name cannot put it on what Bruno writes.
    const [later] = await store.append([note(declared!.id, 'Alice', 'Backup provider on')]);
    expect(later!.actor).toBe('Bruno Marchand');

    expect(await chain(store)).toEqual([
      [1, 'device.enrolled', 'Alice'],
      [2, 'incident.declared', 'Alice'],
      [3, 'incident.note-added', 'Alice'],
      [4, 'device.person-changed', 'Bruno Marchand'],
      [5, 'incident.note-added', 'Bruno Marchand'],
    ]);
    expect(verifyChains(await store.all())).toEqual([]);
    expect(await store.person()).toEqual({ name: 'Bruno Marchand' });
  });

  it('never lets a typed or stale name take an enrolled device over', async () => {
    const store = heldStore();
    const [declared] = await store.append([declare('Alice')]);
    const [written] = await store.append([note(declared!.id, 'Mallory', 'who am I?')]);
    expect(written!.actor).toBe('Alice');
    expect((await store.all()).filter((event) => event.type === 'device.person-changed')).toEqual([]);
  });

  it('refuses an empty or whitespace-only name and writes nothing, before and after enrolment', async () => {
    const store = heldStore();
    // Before the first entry: no enrolment under nobody.
    await expect(store.append([declare('   ')])).rejects.toMatchObject({ field: 'actor', issue: 'required' });
    expect(await store.all()).toEqual([]);

    await store.append([declare('Alice')]);
    const before = await store.all();
    for (const empty of ['', '   ', '\t\n']) {
      const refused = store.changePerson(empty);
      await expect(refused).rejects.toBeInstanceOf(DraftError);
      await expect(refused).rejects.toMatchObject({ field: 'person.name', issue: 'required' });
    }
    await expect(store.changePerson('x'.repeat(121))).rejects.toMatchObject({ issue: 'too-long' });
    expect(await store.all()).toEqual(before);
    expect(await store.person()).toEqual({ name: 'Alice' });
  });

  it('writes nothing when the person named is already the one at the device', async () => {
    const store = heldStore();
    await store.append([declare('Alice')]);
    expect(await store.changePerson(' Alice ')).toEqual([]);
    expect(await chain(store)).toHaveLength(2);
  });

  it('opens the chain with the name confirmed when the first thing written is the name itself', async () => {
    const store = heldStore();
    const [enrolled] = await store.changePerson('Tariq');
    expect(enrolled).toMatchObject({ seq: 1, type: 'device.enrolled', actor: 'Tariq' });
    expect(await store.person()).toEqual({ name: 'Tariq' });
  });
});

describe('who is at this device, as the record says', () => {
  it('is unknown until the window knows its device, new until it has written, then the enrolled person', () => {
    const devices = new Map();
    expect(ownPerson(undefined, 'dev-1')).toEqual({ status: 'unknown' });
    expect(ownPerson(devices, null)).toEqual({ status: 'unknown' });
    expect(ownPerson(devices, 'dev-1')).toEqual({ status: 'new' });
  });
});

/** The header's box over the window's real store and fold, as App wires it. */
function Harness({ proposed, onName = () => undefined }: { proposed: string; onName?: (name: string) => void }) {
  const state = useWarRoomState(getProjection());
  const own = useOwnPerson(state?.devices);
  return (
    <PersonBox
      own={own}
      proposed={proposed}
      isTeammate={false}
      onName={onName}
      onHandOver={async (name) => {
        await getEventStore().changePerson(name);
      }}
    />
  );
}

async function handOverTo(name: string): Promise<void> {
  fireEvent.click(screen.getByTestId('person-change-open'));
  const dialog = await screen.findByRole('dialog', { name: 'Hand this device over' });
  fireEvent.change(within(dialog).getByTestId('person-change-name'), { target: { value: name } });
  fireEvent.click(within(dialog).getByTestId('person-change-next'));
}

describe('the header’s "You" box', () => {
  it('is where you type your name before the first entry, refusing an empty one with a clear message', async () => {
    const onName = vi.fn();
    render(<Harness proposed="" onName={onName} />);
    const box = await screen.findByTestId('you-box');
    await waitFor(() => expect(box.dataset.personState).toBe('unnamed'));
    const field = screen.getByTestId('display-name');
    fireEvent.change(field, { target: { value: '   ' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.blur(field);
    expect(screen.getByTestId('display-name-error').textContent).toBe(
      'Type a name: an entry cannot be signed by nobody.',
    );
    expect(onName).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: ' Alice ' } });
    fireEvent.blur(field);
    expect(onName).toHaveBeenCalledWith('Alice');
    expect(screen.queryByTestId('display-name-error')).toBeNull();
    // Typing a name writes nothing.
    expect(await getEventStore().all()).toEqual([]);
  });

  it('turns read-only once the device is enrolled; a confirmed hand-over writes one person change, and an empty name none', async () => {
    const store = getEventStore();
    render(<Harness proposed="Alice" />);
    await waitFor(() => expect(screen.getByTestId('you-box').dataset.personState).toBe('proposed'));
    expect((screen.getByTestId('display-name') as HTMLInputElement).value).toBe('Alice');

    const [declared] = await store.append([declare('Alice')]);
    await waitFor(() => expect(screen.getByTestId('you-name').textContent).toBe('Alice'));
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByTestId('person-change-open').getAttribute('aria-label')).toBe(
      'Not Alice? Hand this device over to someone else',
    );

    // An empty name is refused in the dialog, and nothing is written.
    const before: WarEvent[] = await store.all();
    await handOverTo('  ');
    expect(screen.getByTestId('person-change-error').textContent).toBe(
      'Type a name: an entry cannot be signed by nobody.',
    );
    await handOverTo('Alice');
    expect(screen.getByTestId('person-change-error').textContent).toBe('Alice is already the person at this device.');
    expect(await store.all()).toEqual(before);

    // The confirmation says what happens to earlier and later entries before anything is written.
    fireEvent.change(screen.getByTestId('person-change-name'), { target: { value: 'Bruno' } });
    fireEvent.click(screen.getByTestId('person-change-next'));
    expect(screen.getByTestId('person-change-summary').textContent).toBe(
      'Everything already written from this device stays under Alice.' +
        'Everything written from now on will be signed as Bruno.',
    );
    expect(await store.all()).toEqual(before);
    fireEvent.click(screen.getByTestId('person-change-confirm'));
    await waitFor(() => expect(screen.getByTestId('you-name').textContent).toBe('Bruno'));
    expect(screen.queryByTestId('person-change')).toBeNull();
    expect(screen.getByTestId('person-change-done').textContent).toBe(
      'Entries from this device are now signed as Bruno.',
    );

    await store.append([note(declared!.id, 'Alice', 'after the hand-over')]);
    const events = await store.all();
    expect(events.filter((event) => event.type === 'device.person-changed').map((event) => event.actor)).toEqual([
      'Bruno',
    ]);
    expect(events.find((event) => event.type === 'incident.declared')!.actor).toBe('Alice');
    expect(events.find((event) => event.type === 'incident.note-added')!.actor).toBe('Bruno');
  });

  it('cancels a hand-over with Escape, writing nothing', async () => {
    const store = getEventStore();
    await store.append([declare('Alice')]);
    render(<Harness proposed="Alice" />);
    await waitFor(() => expect(screen.getByTestId('you-box').dataset.personState).toBe('enrolled'));
    const before = await store.all();
    fireEvent.click(screen.getByTestId('person-change-open'));
    const dialog = await screen.findByTestId('person-change');
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(screen.queryByTestId('person-change')).toBeNull());
    expect(await store.all()).toEqual(before);
  });
});

describe('the first-visit question', () => {
  it('is a labelled dialog that Escape cannot dismiss, keeps Tab inside and answers on Enter', async () => {
    const onAnswer = vi.fn();
    render(<WhoAreYou isTeammate onAnswer={onAnswer} />);
    const dialog = screen.getByRole('dialog', { name: 'Who are you?' });
    const field = within(dialog).getByTestId('who-name');
    expect(document.activeElement).toBe(field);

    const cancel = new Event('cancel', { cancelable: true });
    fireEvent(dialog, cancel);
    expect(cancel.defaultPrevented).toBe(true);

    const submit = within(dialog).getByTestId('who-submit');
    submit.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(submit);

    // Enter in the field submits its form.
    fireEvent.submit(field);
    expect(within(dialog).getByTestId('who-error').textContent).toBe(
      'Type a name: an entry cannot be signed by nobody.',
    );
    expect(onAnswer).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: '  Tariq Haddad ' } });
    fireEvent.submit(field);
    expect(onAnswer).toHaveBeenCalledWith('Tariq Haddad');
  });

  it('asks in French', async () => {
    await act(() => setLocale('fr'));
    render(<WhoAreYou isTeammate={false} onAnswer={() => undefined} />);
    expect(screen.getByRole('dialog', { name: 'Qui êtes-vous ?' }).textContent).toContain(
      'Tout ce qui est écrit depuis cette fenêtre est signé de la clé de ce portable et de votre nom',
    );
    expect(screen.getByTestId('who-submit').textContent).toBe('C’est moi');
  });
});
