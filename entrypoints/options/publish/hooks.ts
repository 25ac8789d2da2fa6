import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublishSetup, PublishSummary } from '../../../lib/messages/publish';
import { downloadBytes, downloadCsv } from '../../../lib/ui/download';
import { call } from '../../../lib/ui/options-messaging';

// The Publish section's reads and writes (issue 16): the CRM setup check, creating the missing
// fields, the Salesforce metadata package, and the publication job with its report.

type Crm = 'hubspot' | 'salesforce';
const setupKey = (crm: Crm) => ['options', 'publish', 'setup', crm] as const;
const statusKey = (crm: Crm) => ['options', 'publish', 'status', crm] as const;

/** The setup check runs when CS Ops asks for it (it reads the CRM's field definitions). */
export function useSetupCheck(crm: Crm) {
  return useQuery({ queryKey: setupKey(crm), queryFn: () => call('publish.setupCheck', { crm }), enabled: false, retry: false });
}

export function useSetupApply(crm: Crm) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('publish.setupApply', { crm }),
    onSuccess: (applied) => qc.setQueryData<PublishSetup>(setupKey(crm), applied.check),
  });
}

export function useSetupPackage() {
  return useMutation({
    mutationFn: () => call('publish.setupPackage', {}),
    onSuccess: (pkg) => downloadBytes(pkg.fileName, Uint8Array.from(atob(pkg.base64), (c) => c.charCodeAt(0)), 'application/zip'),
  });
}

/** The latest job for this CRM; asked again each second while it runs, for the progress bar. */
export function usePublishStatus(crm: Crm) {
  return useQuery({
    queryKey: statusKey(crm),
    queryFn: () => call('publish.status', { crm }),
    refetchInterval: (q) => (q.state.data?.job?.status === 'running' ? 1_000 : false),
  });
}

export function useStartPublish(crm: Crm) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind: 'signals' | 'scores') => call('publish.start', { crm, kind }),
    onSuccess: (job: PublishSummary) => qc.setQueryData(statusKey(crm), { job }),
  });
}

/** The refused records of a job as a CSV for Excel (UTF-8 with a BOM, built in the background). */
export function useDownloadReport() {
  return useMutation({
    mutationFn: (jobId: string) => call('publish.report', { jobId }),
    onSuccess: (report) => downloadCsv(`sidecar-publish-${report.job.crm}-${report.job.kind}-${report.job.startedAt.slice(0, 10)}.csv`, report.csv),
  });
}
