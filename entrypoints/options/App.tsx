import { OptionsPage } from './OptionsPage';
import type { SidecarDb } from '../../lib/db/schema';

export function App({ db, browserLanguage }: { db: SidecarDb; browserLanguage: string }) {
  return <OptionsPage db={db} browserLanguage={browserLanguage} />;
}
