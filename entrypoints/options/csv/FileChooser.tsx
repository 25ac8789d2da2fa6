import { useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useT } from '../i18n';

/** A file input that is also a drop target; the input stays the keyboard's way in. */
export function FileChooser({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const { t } = useT();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Let the same file be chosen again (a re-import after fixing the mapping).
    e.target.value = '';
    if (file) onFile(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <div
      className={`dropzone${over ? ' is-over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label className="btn btn--primary file-btn">
        <input ref={input} id="csv-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" className="visually-hidden" onChange={onChange} disabled={disabled} />
        {t('csv.choose')}
      </label>
      <span className="muted small">{t('csv.dropHint')}</span>
    </div>
  );
}
