/** The supervision charts on ECharts' modular build: a gauge against target, a ranking, a monthly trend. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { STATUS_COLOR, type Status } from './shared.ts';

echarts.use([BarChart, GaugeChart, LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const NEUTRAL = '#8c8c8c';
/** Bars of units without a target: not a status colour. */
const NO_TARGET = '#5b7fbd';

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
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onResize);
    ro?.observe(el);
    return () => {
      window.removeEventListener('resize', onResize);
      ro?.disconnect();
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return ref;
}

const scaled = (unit: string, v: number | null) => (v === null ? null : unit === '%' ? Math.round(v * 1000) / 10 : v);

/**
 * One indicator against its target: the arc fills to the figure in the colour of its status; a dark
 * tick marks the year's target and an orange one the value expected by today.
 */
export function GaugeDial(props: {
  unit: string;
  value: number | null;
  display: string;
  target: number | null;
  expected: number | null;
  status: Status | null;
  ariaLabel: string;
  onClick?: () => void;
  height?: number;
}) {
  const { unit, value, target, expected, status } = props;
  const isRate = unit === '%';
  const max = isRate ? 100 : Math.max(1, ...[value, target, expected].map((v) => (v ?? 0) * 1.15));
  const color = status ? STATUS_COLOR[status] : NEUTRAL;
  const common = { type: 'gauge', min: 0, max, startAngle: 210, endAngle: -30, radius: '92%', center: ['50%', '58%'] };
  const hidden = { axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, anchor: { show: false }, title: { show: false } };
  const marker = (v: number | null, c: string) => ({
    ...common,
    ...hidden,
    z: 3,
    axisLine: { show: false },
    progress: { show: false },
    pointer: { show: v !== null, icon: 'rect', length: '16%', width: 3, offsetCenter: [0, '-76%'], itemStyle: { color: c } },
    detail: { show: false },
    silent: true,
    data: [{ value: scaled(unit, v) ?? 0 }],
  });
  const ref = useChart(
    {
      animation: false,
      series: [
        {
          ...common,
          ...hidden,
          progress: { show: true, width: 14, roundCap: false, itemStyle: { color } },
          axisLine: { lineStyle: { width: 14, color: [[1, '#f0f0f0']] } },
          pointer: { show: false },
          detail: { valueAnimation: false, formatter: () => props.display, fontSize: 20, fontWeight: 600, offsetCenter: [0, '4%'], color: '#222' },
          data: [{ value: Math.min(max, scaled(unit, value) ?? 0) }],
        },
        marker(target, '#262626'),
        marker(expected, '#fa8c16'),
      ],
    },
    JSON.stringify([unit, value, props.display, target, expected, status]),
    props.onClick ? () => props.onClick?.() : undefined,
  );
  return <div ref={ref} role="img" aria-label={props.ariaLabel} style={{ width: '100%', height: props.height ?? 150, cursor: props.onClick ? 'pointer' : undefined }} />;
}

/** The units below ranked on one indicator, each bar in its status colour; clicking a bar calls `onPick`. */
export function RankBars(props: { unit: string; labels: string[]; values: (number | null)[]; statuses: (Status | null)[]; ariaLabel: string; onPick: (index: number) => void; height?: number }) {
  const isRate = props.unit === '%';
  const ref = useChart(
    {
      animation: false,
      grid: { left: 56, right: 16, top: 24, bottom: props.labels.length > 6 ? 72 : 40 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : isRate ? `${String(v)}%` : String(v)) },
      xAxis: { type: 'category', data: props.labels, axisLabel: { interval: 0, rotate: props.labels.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', ...(isRate ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) },
      series: [
        {
          type: 'bar',
          cursor: 'pointer',
          barMaxWidth: 40,
          data: props.values.map((v, i) => ({ value: scaled(props.unit, v), itemStyle: { color: props.statuses[i] ? STATUS_COLOR[props.statuses[i]!] : NO_TARGET } })),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? '—' : isRate ? `${String(p.value)}%` : Number(p.value).toLocaleString('zh-CN')),
          },
        },
      ],
    },
    JSON.stringify([props.unit, props.labels, props.values, props.statuses]),
    props.onPick,
  );
  return <div ref={ref} role="img" aria-label={props.ariaLabel} style={{ width: '100%', height: props.height ?? 300 }} />;
}

/** An indicator's month ends and today's live figure; the target as a line; clicking a point calls `onPick`. */
export function TrendLine(props: {
  unit: string;
  name: string;
  periods: string[];
  values: (number | null)[];
  marks: ('frozen' | 'live' | 'corrected' | 'none')[];
  target: number | null;
  ariaLabel: string;
  onPick: (index: number) => void;
  height?: number;
  labels: Record<'frozen' | 'live' | 'corrected', string>;
  targetLabel: string;
}) {
  const isRate = props.unit === '%';
  const fmt = (v: unknown) => (v === null || v === undefined ? '—' : isRate ? `${String(v)}%` : Number(v).toLocaleString('zh-CN'));
  const ref = useChart(
    {
      animation: false,
      grid: { left: 56, right: 24, top: 28, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number; value: unknown; axisValue: string }[]) => {
          const p = ps[0];
          if (!p) return '';
          const m = props.marks[p.dataIndex];
          return `${p.axisValue}<br/>${props.name}：${fmt(p.value)}${m && m !== 'none' ? `（${props.labels[m]}）` : ''}`;
        },
      },
      xAxis: { type: 'category', data: props.periods, boundaryGap: false },
      yAxis: { type: 'value', scale: !isRate, ...(isRate ? { axisLabel: { formatter: '{value}%' } } : {}) },
      series: [
        {
          type: 'line',
          name: props.name,
          cursor: 'pointer',
          connectNulls: false,
          symbolSize: 9,
          lineStyle: { color: '#c8102e' },
          data: props.values.map((v, i) => ({
            value: scaled(props.unit, v),
            itemStyle: { color: props.marks[i] === 'live' ? '#1677ff' : props.marks[i] === 'corrected' ? '#fa8c16' : '#c8102e' },
          })),
          ...(props.target !== null
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: '#262626' },
                  label: { formatter: `${props.targetLabel} ${fmt(scaled(props.unit, props.target))}` },
                  data: [{ yAxis: scaled(props.unit, props.target) }],
                },
              }
            : {}),
        },
      ],
    },
    JSON.stringify([props.unit, props.periods, props.values, props.marks, props.target, props.labels]),
    props.onPick,
  );
  return <div ref={ref} role="img" aria-label={props.ariaLabel} style={{ width: '100%', height: props.height ?? 300 }} />;
}
