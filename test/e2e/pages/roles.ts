// Page object: the role board of an incident and the people directory.
import { expect, type Locator, type Page } from '@playwright/test';

export interface PersonEntry {
  readonly name: string;
  readonly team?: string;
  readonly contact?: string;
  readonly skills?: readonly string[];
}

export interface BriefingText {
  readonly conditions: string;
  readonly actions: string;
  readonly needs: string;
}

/** A built-in role by id (`commander`), or any role by the name the board shows. */
export type RoleRef = string | { readonly name: string };

export class RolesPage {
  constructor(readonly page: Page) {}

  // The role board

  get board(): Locator {
    return this.page.getByTestId('role-board');
  }

  get vacancyWarning(): Locator {
    return this.page.getByTestId('role-vacancy-warning');
  }

  get overloadWarnings(): Locator {
    return this.page.getByTestId('role-overload-warning');
  }

  row(role: RoleRef): Locator {
    if (typeof role === 'string') return this.page.locator(`[data-testid="role-row"][data-role="${role}"]`);
    return this.page
      .getByTestId('role-row')
      .filter({ has: this.page.getByTestId('role-name').getByText(role.name, { exact: true }) });
  }

  holder(role: RoleRef): Locator {
    return this.row(role).getByTestId('role-holder');
  }

  /** Assigns a vacant role; `pick` chooses from the directory's matches instead of keeping the typed name. */
  async assign(role: RoleRef, person: string, { pick = false } = {}): Promise<void> {
    await this.row(role).getByTestId('role-assign').click();
    const input = this.page.getByTestId('assign-person');
    await expect(input).toBeFocused();
    await input.fill(person);
    if (pick) await this.page.getByTestId('person-option').filter({ hasText: person }).first().click();
    await this.page.getByTestId('assign-submit').click();
    await expect(this.page.getByTestId('assign-form')).toHaveCount(0);
    await expect(this.holder(role)).toHaveText(person);
  }

  async openHandover(role: RoleRef): Promise<void> {
    await this.row(role).getByTestId('role-handover').click();
    await expect(this.page.getByTestId('handover-to')).toBeFocused();
  }

  /** Fills what is given of a handover and submits it, expecting nothing. */
  async submitHandover(to: string, briefing: Partial<BriefingText>): Promise<void> {
    await this.page.getByTestId('handover-to').fill(to);
    for (const field of ['conditions', 'actions', 'needs'] as const) {
      await this.page.getByTestId(`briefing-${field}`).fill(briefing[field] ?? '');
    }
    await this.page.getByTestId('handover-submit').click();
  }

  handoverError(field: 'to' | keyof BriefingText): Locator {
    return this.page.getByTestId(`handover-error-${field}`);
  }

  async handOver(role: RoleRef, to: string, briefing: BriefingText): Promise<void> {
    await this.openHandover(role);
    await this.submitHandover(to, briefing);
    await expect(this.page.getByTestId('handover-form')).toHaveCount(0);
    await expect(this.holder(role)).toHaveText(to);
  }

  async release(role: RoleRef, note?: string): Promise<void> {
    await this.row(role).getByTestId('role-release').click();
    if (note) await this.page.getByTestId('release-note').fill(note);
    await this.page.getByTestId('release-submit').click();
    await expect(this.row(role)).toHaveAttribute('data-state', 'vacant');
  }

  /** Adds a custom role from the board (or the directory: the same form). */
  async addCustomRole(name: string, { critical = false } = {}): Promise<void> {
    await this.page.getByTestId('custom-role-open').click();
    await this.page.getByTestId('custom-role-name').fill(name);
    if (critical) await this.page.getByTestId('custom-role-critical').check();
    await this.page.getByTestId('custom-role-submit').click();
    await expect(this.page.getByTestId('custom-role-form')).toHaveCount(0);
  }

  // The people directory

  async openPeople(): Promise<void> {
    await this.page.getByTestId('nav-people').click();
    await this.page.getByTestId('people-view').waitFor();
  }

  get peopleRows(): Locator {
    return this.page.getByTestId('person-row');
  }

  person(name: string): Locator {
    return this.peopleRows.filter({ has: this.page.getByTestId('person-row-name').getByText(name, { exact: true }) });
  }

  async fillPerson({ name, team = '', contact = '', skills = [] }: PersonEntry): Promise<void> {
    await this.page.getByTestId('person-name').fill(name);
    await this.page.getByTestId('person-contact').fill(contact);
    await this.page.getByTestId('person-team').fill(team);
    await this.page.getByTestId('person-skills').fill(skills.join(', '));
  }

  async addPerson(entry: PersonEntry): Promise<void> {
    await this.page.getByTestId('person-add').click();
    await this.fillPerson(entry);
    await this.page.getByTestId('person-submit').click();
    await expect(this.page.getByTestId('person-form')).toHaveCount(0);
    await expect(this.person(entry.name)).toHaveCount(1);
  }

  async searchPeople(query: string): Promise<void> {
    await this.page.getByTestId('people-search').fill(query);
  }

  /** Links to the incidents where the person holds a role now. */
  rolesOf(name: string): Locator {
    return this.person(name).getByTestId('person-role-link');
  }
}
