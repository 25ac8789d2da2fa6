import { useEffect, useMemo, useState } from 'react';
import type { PackCheck } from '../../../lib/messages/options';
import { downloadText } from '../../../lib/ui/download';
import { useT } from '../i18n';
import { usePackCheck, usePackCurrent, usePackInstall, usePackPreview, usePackReset } from '../hooks';
import { packModel } from '../../../lib/packs/pack-model';
import { Button, ErrorAlert, Section } from '../ui';
import { TeamCard } from '../team/TeamCard';
import { useTeam } from '../team/hooks';
import { PackEditor } from './PackEditor';
import { PackStatusCard } from './PackStatusCard';
import { ScoreTester } from './ScoreTester';
import { ExportCard } from '../export/ExportCard';
import { ImpactReview } from '../impact/ImpactReview';
import { VersionsCard } from '../versions/VersionsCard';
import { MapEditor } from '../editor/MapEditor';
import { discardPackDraft } from '../../../lib/db/pack-drafts';
import type { SidecarDb } from '../../../lib/db/schema';

export function PackSection({ db }: { db: SidecarDb }) {
  const i18n = useT();
  const { t, locale } = i18n;
  const current = usePackCurrent(locale);
  const check = usePackCheck();
  const install = usePackInstall();
  const reset = usePackReset();
  const preview = usePackPreview();
  const team = useTeam().data;
  // Policy or the team's pack URL governs the pack: it cannot be installed or reset here (the background refuses too).
  const locked = team?.managed ? t('team.managedBy') : team?.governs === 'user-url' ? t('pack.sourceUrl', { url: team.url ?? '' }) : undefined;

  const [draft, setDraft] = useState<string | null>(null);
  const [origin, setOrigin] = useState<{ source: 'file' | 'editor'; fileName?: string }>({ source: 'editor' });
  /** The check belongs to the exact text it ran on: any edit makes it stale, and Install waits for a new one. */
  const [checked, setChecked] = useState<{ json: string; result: PackCheck } | null>(null);
  const [installedJson, setInstalledJson] = useState<string | null>(null);
  const [useDraft, setUseDraft] = useState(false);
  /** Install is two steps (issue 18): the impact on the cached accounts first, then the confirmation with a note. */
  const [reviewing, setReviewing] = useState(false);

  // Start the editor from the installed pack, and again after an install or a reset.
  useEffect(() => {
    if (current.data && draft === null) setDraft(current.data.json);
  }, [current.data, draft]);

  const text = draft ?? '';
  const checkOfDraft = checked && checked.json === text ? checked.result : null;
  const draftModel = useMemo(() => (checkOfDraft?.ok ? packModel(text, locale) : null), [checkOfDraft, text, locale]);
  const draftDiffers = !!draftModel && text !== current.data?.json;
  const scoringDraft = useDraft && draftDiffers;
  const model = scoringDraft ? draftModel : current.model;

  const runCheck = (json: string) => {
    install.reset();
    setInstalledJson(null);
    check.mutate(json, { onSuccess: (result) => setChecked({ json, result }) });
  };

  const edit = (json: string) => {
    setDraft(json);
    setOrigin({ source: 'editor' });
    setInstalledJson(null);
    install.reset();
  };

  const loadFile = (file: File) => {
    void file.text().then((json) => {
      setDraft(json);
      setOrigin({ source: 'file', fileName: file.name });
      // A loaded file is checked at once: that is the first thing anyone wants to know.
      runCheck(json);
    });
  };

  const doInstall = () => {
    if (!checkOfDraft?.ok) return;
    setReviewing(true);
  };

  const confirmInstall = (note: string) => {
    if (!checkOfDraft?.ok) return;
    install.mutate(
      { json: text, source: origin.source, ...(origin.fileName ? { fileName: origin.fileName } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (result) => {
          setChecked({ json: text, result });
          setReviewing(false);
          if (result.ok) {
            // Installed: the editor's saved draft has done its work.
            void discardPackDraft(db);
            setInstalledJson(text);
            setUseDraft(false);
            // The editor shows the pack as stored (migrated, normalised) once the new current arrives.
            setDraft(null);
          }
        },
      },
    );
  };

  /** The map editor's Install: check this exact text, and when it passes show its impact first (as Install does). */
  const checkAndReview = () => {
    install.reset();
    setInstalledJson(null);
    check.mutate(text, {
      onSuccess: (result) => {
        setChecked({ json: text, result });
        if (result.ok) setReviewing(true);
      },
    });
  };

  const summary = current.model?.pack;
  const exportPack = () => {
    if (!current.data || !summary) return;
    downloadText(`${summary.id}-${summary.version}.json`, `${current.data.json}\n`, 'application/json');
  };

  return (
    <Section id="pack" title={t('nav.pack')} intro={t('pack.intro')}>
      <ErrorAlert error={current.error} />
      <TeamCard />
      <div className="cards cards--pack">
        <PackStatusCard
          name={summary?.name}
          id={summary?.id}
          version={summary?.version}
          source={current.data?.source}
          url={team?.pack.url}
          locked={locked}
          installedAt={current.data?.installedAt}
          fileName={current.data?.fileName}
          problem={current.data?.problem}
          onExport={exportPack}
          onReset={() =>
            reset.mutate(undefined, {
              onSuccess: () => {
                setDraft(null);
                setChecked(null);
              },
            })
          }
          resetting={reset.isPending}
        />
      </div>
      <MapEditor
        // A new history for each pack installed: the old steps belong to the pack it replaced.
        baseKey={current.data ? `${current.data.source}:${current.data.installedAt ?? ''}` : ''}
        db={db}
        json={text}
        onJson={edit}
        installedJson={current.data?.json}
        base={summary ? { packId: summary.id, version: summary.version, ...(current.data?.installedAt ? { installedAt: current.data.installedAt } : {}) } : null}
        locked={locked}
        onInstall={checkAndReview}
        busy={check.isPending || install.isPending}
        installedNow={installedJson !== null}
        jsonTab={
          <PackEditor
            draft={text}
            fileName={origin.fileName}
            onEdit={edit}
            onLoadFile={loadFile}
            check={checkOfDraft}
            onCheck={() => runCheck(text)}
            checking={check.isPending}
            onInstall={doInstall}
            installing={install.isPending}
            installed={installedJson !== null}
            error={check.error ?? install.error ?? reset.error}
            locked={locked}
          />
        }
      />
      {locked && draftDiffers && !reviewing ? (
        // Policy or a pack URL governs: CS Ops works on a draft, and may still see what it would do before handing it over.
        <div className="actions">
          <Button onClick={() => setReviewing(true)}>{t('console.draftImpact')}</Button>
        </div>
      ) : null}
      {reviewing && checkOfDraft?.ok ? (
        <ImpactReview json={text} installing={install.isPending} onConfirm={confirmInstall} onCancel={() => setReviewing(false)} {...(locked ? { draftOnly: true } : {})} />
      ) : null}
      <VersionsCard url={team?.url} />
      <ExportCard />
      {model ? (
        <ScoreTester
          model={model}
          draftAvailable={draftDiffers}
          useDraft={scoringDraft}
          onUseDraft={setUseDraft}
          onScore={(signals) => preview.mutate(scoringDraft ? { json: text, signals } : { signals })}
          scoring={preview.isPending}
          evaluation={preview.data?.evaluation}
          error={preview.error}
        />
      ) : null}
    </Section>
  );
}
