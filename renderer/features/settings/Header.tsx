// The bar over every screen: who you are, which language, whether the host answers.
import { LOCALES, type Locale } from '../../../common/i18n/locales';
import { useLocale, useT } from '../../i18n';
import { isLanPeer, useUiStore } from '../../store/ui-store';
import type { OwnPerson } from '../person/own-person';
import { PersonBox } from '../person/PersonBox';
import { SyncIndicator } from './SyncIndicator';

interface Props {
  /** Who is at this window's device, as its record says. */
  own: OwnPerson;
  /** The name its first entry would carry, while it has written nothing. */
  proposed: string;
  onLocale(locale: Locale): void;
  /** A name typed before the first entry: the host saves it when it can. */
  onDisplayName(name: string): void;
  /** The confirmed hand-over of this device to someone else. */
  onHandOver(name: string): Promise<void>;
}

export function Header({ own, proposed, onLocale, onDisplayName, onHandOver }: Props) {
  const t = useT();
  const locale = useLocale();
  const hostStatus = useUiStore((state) => state.hostStatus);
  const syncStatus = useUiStore((state) => state.syncStatus);
  const isSettingsPending = useUiStore((state) => state.isSettingsPending);
  // A teammate's browser on the LAN: its language and name stay in it, and it says what it cannot do.
  const isTeammate = useUiStore(isLanPeer);

  return (
    <header className="app-header">
      <a className="brand" href="#/">
        {t('app.name')}
      </a>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <a href="#/" data-testid="nav-dashboard">
          {t('nav.dashboard')}
        </a>
        <a href="#/people" data-testid="nav-people">
          {t('nav.people')}
        </a>
        <a href="#/monitors" data-testid="nav-monitors">
          {t('monitors.nav')}
        </a>
        <a href="#/runbooks" data-testid="nav-runbooks">
          {t('runbooks.nav')}
        </a>
        <a href="#/comms" data-testid="nav-comms">
          {t('comms.nav')}
        </a>
        <a href="#/continuity" data-testid="nav-continuity">
          {t('continuity.nav')}
        </a>
        <a href="#/exercises" data-testid="nav-exercises">
          {t('exercises.nav')}
        </a>
      </nav>
      <span
        className={`host-status host-${hostStatus}`}
        data-testid="host-status"
        data-status={hostStatus}
        title={hostStatus === 'offline' ? t('header.hostOffline') : t('header.hostOnline')}
      >
        {hostStatus === 'offline' ? t('header.hostOffline') : t('header.hostOnline')}
      </span>
      {isSettingsPending && (
        <span
          className="settings-pending"
          data-testid="settings-pending"
          role="status"
          title={t('header.settingsPendingHint')}
        >
          {t('header.settingsPending')}
        </span>
      )}
      {isTeammate && (
        <span className="tag lan-peer" data-testid="lan-peer" role="note" title={t('header.lanPeerHint')}>
          {t('header.lanPeer')}
        </span>
      )}
      <SyncIndicator status={syncStatus} />
      <PersonBox own={own} proposed={proposed} isTeammate={isTeammate} onName={onDisplayName} onHandOver={onHandOver} />
      <label className="inline-field">
        <span>{t('header.language')}</span>
        <select
          data-testid="language"
          value={locale}
          title={isTeammate ? t('header.keptInBrowser') : undefined}
          onChange={(event) => onLocale(event.target.value as Locale)}
        >
          {LOCALES.map((value) => (
            <option key={value} value={value}>
              {t(`languages.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <a className="settings-link" href="#/settings" data-testid="open-settings">
        {t('settings.open')}
      </a>
    </header>
  );
}
