/** Server-side paging for a table: the page state and the antd pagination it drives, written once. */
import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useI18n } from './i18n.tsx';

export function usePaging(initialPageSize = 20) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  /** `capped`: the server stopped counting at `total` (there are more; pages reach that far). */
  const pagination = (total: number, capped = false): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    showTotal: (n) => (capped ? t('common.totalCapped', { n: n.toLocaleString('zh-CN') }) : t('common.total', { n })),
    onChange: (p, s) => {
      // A new page size starts again from the first page.
      setPage(s !== pageSize ? 1 : p);
      setPageSize(s);
    },
  });
  return { page, pageSize, setPage, pagination };
}
