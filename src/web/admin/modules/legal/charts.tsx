/** The statistics chart on ECharts' modular build: grouped bars of the case figures per unit, each bar clickable. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#c8102e', '#1677ff', '#fa8c16', '#13a8a8'];

export function GroupedBars({
  labels,
  series,
  ariaLabel,
  onPick,
  height = 340,
}: {
  labels: string[];
  series: { key: string; name: string; values: number[] }[];
  ariaLabel: string;
  onPick: (seriesKey: string, index: number) => void;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const key = JSON.stringify([labels, series]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      color: COLORS,
      grid: { left: 48, right: 16, top: 40, bottom: labels.length > 6 ? 80 : 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, cursor: 'pointer', barMaxWidth: 28 })),
    });
    chart.on('click', (p) => {
      const s = series[p.seriesIndex ?? -1];
      if (s) pick.current(s.key, p.dataIndex);
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
