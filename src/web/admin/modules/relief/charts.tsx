/** Grouped bars on ECharts' modular build: money by county (raised, allocated, paid), or students by school level; a click drills down. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#c8102e', '#f0a020', '#2f7ed8', '#52a35a'];

export function GroupedBars({
  labels,
  series,
  ariaLabel,
  height = 300,
  unit = '',
  onBarClick,
}: {
  labels: string[];
  series: { name: string; values: number[] }[];
  ariaLabel: string;
  height?: number;
  unit?: string;
  onBarClick?: (labelIndex: number, seriesIndex: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const click = useRef(onBarClick);
  click.current = onBarClick;
  const key = JSON.stringify([labels, series, unit]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      color: COLORS,
      grid: { left: 70, right: 16, top: 36, bottom: 48 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toLocaleString('zh-CN')}${unit}` },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: unit, axisLabel: { formatter: (v: number) => v.toLocaleString('zh-CN') } },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, barMaxWidth: 28 })),
    });
    chart.on('click', (p) => click.current?.(p.dataIndex, p.seriesIndex ?? 0));
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    // Printing lays the page out again at paper width.
    window.addEventListener('beforeprint', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      window.removeEventListener('beforeprint', onResize);
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
