/** The keyword box above a list: typing edits the text, searching applies it (and the list goes back to page 1). */
import { Input } from 'antd';
import { useI18n } from '../lib/i18n.tsx';

export function KeywordSearch(props: { placeholder: string; width?: number; value: string; onChange: (v: string) => void; onSearch: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <Input.Search
      aria-label={t('common.keyword')}
      placeholder={props.placeholder}
      allowClear
      style={{ width: props.width ?? 240 }}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      onSearch={props.onSearch}
      enterButton={t('common.search')}
    />
  );
}
