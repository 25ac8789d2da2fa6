import { useEffect, useState } from 'react';
import { resolveLocale } from '../../lib/i18n/index';
import type { SidecarDb } from '../../lib/db/schema';
import type { OptionsKey } from '../../lib/i18n/options-en';
import { ConnectionsSection } from './connections/ConnectionsSection';
import { CsvImportSection } from './csv/CsvImportSection';
import { useSettings } from './hooks';
import { OptionsI18nProvider, useT } from './i18n';
import { MapSection } from './map/MapSection';
import { NotesSection } from './notes/NotesSection';
import { PackSection } from './pack/PackSection';
import { PublishSection } from './publish/PublishSection';
import { ProfileSection } from './ProfileSection';

export const SECTIONS = ['connections', 'profile', 'pack', 'map', 'import', 'publish', 'notes'] as const;
export type SectionId = (typeof SECTIONS)[number];

const NAV: Record<SectionId, OptionsKey> = {
  connections: 'nav.connections',
  profile: 'nav.profile',
  pack: 'nav.pack',
  map: 'nav.map',
  import: 'nav.import',
  publish: 'nav.publish',
  notes: 'nav.notes',
};

function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#/, '');
  return (SECTIONS as readonly string[]).includes(id) ? (id as SectionId) : 'connections';
}

/** The section in the URL's hash, so a link (or the sidebar's "Open settings") can land on one and Back works. */
function useSection(): SectionId {
  const [section, setSection] = useState(() => sectionFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

function Shell({ db }: { db: SidecarDb }) {
  const { t } = useT();
  const section = useSection();
  return (
    <div className="page">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          S
        </span>
        <div>
          <h1>{t('page.title')}</h1>
          <p className="muted small">{t('page.subtitle')}</p>
        </div>
      </header>
      <div className="layout">
        <nav className="nav" aria-label={t('nav.label')}>
          <ul>
            {SECTIONS.map((id) => (
              <li key={id}>
                <a href={`#${id}`} aria-current={id === section ? 'page' : undefined}>
                  {t(NAV[id])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {section === 'connections' ? <ConnectionsSection /> : null}
          {section === 'profile' ? <ProfileSection /> : null}
          {section === 'pack' ? <PackSection db={db} /> : null}
          {section === 'map' ? <MapSection /> : null}
          {section === 'import' ? <CsvImportSection db={db} /> : null}
          {section === 'publish' ? <PublishSection /> : null}
          {section === 'notes' ? <NotesSection /> : null}
        </main>
      </div>
    </div>
  );
}

export function OptionsPage({ db, browserLanguage }: { db: SidecarDb; browserLanguage: string }) {
  const settings = useSettings();
  const locale = resolveLocale(settings.data?.locale, browserLanguage);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = locale === 'ja' ? 'Sidecar の設定' : 'Sidecar settings';
  }, [locale]);
  return (
    <OptionsI18nProvider locale={locale}>
      <Shell db={db} />
    </OptionsI18nProvider>
  );
}
