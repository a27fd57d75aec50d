// Who is at this window's device, as its record says: nobody yet (its chain has
// not opened), or the person of its enrolment or its last hand-over. The
// header shows it, and the window writes under it; a name typed before the
// first entry is only a proposal (see ui-store's proposedName).
import type { Devices } from '../../../common/domain/devices';
import { NAME_MAX } from '../../../common/events/event';
import type { useT } from '../../i18n';
import { useWindowDevice } from '../settings/use-own-devices';

type TFunction = ReturnType<typeof useT>;

export type OwnPerson =
  /** The window does not know its own device yet (the first instants after it opens). */
  | { readonly status: 'unknown' }
  /** This device has written nothing: the name it will enrol under is still to be chosen. */
  | { readonly status: 'new' }
  | { readonly status: 'enrolled'; readonly name: string };

export function ownPerson(devices: Devices | undefined, windowId: string | null): OwnPerson {
  if (devices === undefined || windowId === null) return { status: 'unknown' };
  const name = devices.get(windowId)?.person?.name;
  return name === undefined ? { status: 'new' } : { status: 'enrolled', name };
}

export function useOwnPerson(devices: Devices | undefined): OwnPerson {
  return ownPerson(devices, useWindowDevice());
}

export type NameProblem = 'required' | 'too-long';

/** What is wrong with a typed name, as the record would refuse it; null for a name it takes. */
export function nameProblem(raw: string): NameProblem | null {
  const name = raw.trim();
  if (name === '') return 'required';
  return name.length > NAME_MAX ? 'too-long' : null;
}

/** A name's problem in the person's language. */
export function sayNameProblem(problem: NameProblem, t: TFunction): string {
  return problem === 'required' ? t('person.nameRequired') : t('person.nameTooLong', { max: NAME_MAX });
}
