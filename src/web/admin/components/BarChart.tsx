/** A small bar chart on ECharts' modular build (only the parts it uses). */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([EBar, GridComponent, TooltipComponent, CanvasRenderer]);

export function BarChart({ labels, values, ariaLabel, height = 260 }: { labels: string[]; values: number[]; ariaLabel: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([labels, values]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      grid: { left: 40, right: 16, top: 20, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: values, barMaxWidth: 48, itemStyle: { color: '#c8102e' }, label: { show: true, position: 'top' } }],
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
