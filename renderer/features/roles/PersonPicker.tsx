// Picks a person: search the directory as you type, or keep a typed name for
// someone who is not in it. A combobox with a listbox, usable from the keyboard.
import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { resolvePerson, searchPeople, type Doc } from '../../../common/domain/documents';
import { NAME_MAX } from '../../../common/events/event';
import { useT } from '../../i18n';
import type { ControlProps } from './FormField';

export interface PersonChoice {
  readonly name: string;
  /** Set when picked from the directory. */
  readonly id?: string;
}

/** Enough to choose from without scrolling; typing narrows the rest. */
const MAX_MATCHES = 6;

interface Props extends ControlProps {
  testId: string;
  people: ReadonlyMap<string, Doc<'person'>>;
  value: PersonChoice;
  onChange(choice: PersonChoice): void;
  /** Roles each directory person already holds on this incident, shown beside matches. */
  rolesHeld?(person: Doc<'person'>): number;
  inputRef?: Ref<HTMLInputElement>;
}

export function PersonPicker({ testId, people, value, onChange, rolesHeld, inputRef, ...control }: Props) {
  const t = useT();
  const listId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = value.id ? [] : searchPeople(people, value.name).slice(0, MAX_MATCHES);
  const isListShown = isOpen && matches.length > 0;
  const resolved = resolvePerson(people, value);
  const picked = resolved?.id ? people.get(resolved.id) : undefined;

  const pick = (person: Doc<'person'>) => {
    onChange({ id: person.id, name: person.name });
    setIsOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setIsOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => Math.max(-1, Math.min(matches.length - 1, current + step)));
    } else if (event.key === 'Enter' && isListShown && matches[active]) {
      event.preventDefault();
      pick(matches[active]);
    } else if (event.key === 'Escape' && isListShown) {
      // Closes the list only; a second Escape reaches the form and cancels it.
      event.stopPropagation();
      setIsOpen(false);
    }
  };

  return (
    <div className="picker">
      <input
        {...control}
        ref={inputRef}
        data-testid={testId}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isListShown}
        aria-controls={listId}
        aria-activedescendant={isListShown && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        maxLength={NAME_MAX + 20}
        placeholder={t('roles.picker.placeholder')}
        value={value.name}
        onChange={(event) => {
          onChange({ name: event.target.value });
          setIsOpen(true);
          setActive(-1);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="picker-list" hidden={!isListShown}>
        {isListShown &&
          matches.map((person, index) => {
            const held = rolesHeld?.(person) ?? 0;
            const details = [person.team, ...(person.skills ?? [])].filter(Boolean).join(' · ');
            return (
              <li
                key={person.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'is-active' : undefined}
                data-testid="person-option"
                data-person-id={person.id}
                // mousedown, not click: the input keeps its focus and the list stays until the pick.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(person);
                }}
              >
                <span className="picker-name">{person.name}</span>
                {details && <span className="muted picker-details">{details}</span>}
                {held > 0 && <span className="picker-held">{t('roles.picker.holds', { count: held })}</span>}
              </li>
            );
          })}
      </ul>
      {value.name.trim() !== '' && (
        <small className="muted picker-status" data-testid={`${testId}-status`}>
          {picked
            ? [t('roles.picker.inDirectory'), picked.team].filter(Boolean).join(' · ')
            : t('roles.picker.notInDirectory')}
        </small>
      )}
    </div>
  );
}
