/** The statistics page's charts on ECharts' modular build: a clickable ranking and a monthly trend of the rates. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#c8102e', '#1677ff', '#fa8c16'];
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

function useChart(option: echarts.EChartsCoreOption, key: string, onClick?: (dataIndex: number) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    chart.on('click', (p) => clickRef.current?.(p.dataIndex));
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return ref;
}

/** Units ranked on one rate (highest first); clicking a bar calls `onPick` with its index. */
export function RankChart({ labels, values, ariaLabel, onPick, height = 300 }: { labels: string[]; values: (number | null)[]; ariaLabel: string; onPick: (index: number) => void; height?: number }) {
  const ref = useChart(
    {
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          data: values.map(pct),
          barMaxWidth: 40,
          cursor: 'pointer',
          itemStyle: { color: '#c8102e' },
          label: { show: true, position: 'top', formatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? '—' : `${String(p.value)}%`) },
        },
      ],
    },
    JSON.stringify([labels, values]),
    onPick,
  );
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}

/** One line per rate over the months. */
export function TrendChart({ dates, series, ariaLabel, height = 300 }: { dates: string[]; series: { name: string; values: (number | null)[] }[]; ariaLabel: string; height?: number }) {
  const ref = useChart(
    {
      color: COLORS,
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      xAxis: { type: 'category', data: dates, boundaryGap: false },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.values.map(pct), connectNulls: false, symbolSize: 6 })),
    },
    JSON.stringify([dates, series]),
  );
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
