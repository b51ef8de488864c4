import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { type EChartsCoreOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only what the Team page draws (bars, lines, legend, tooltip) is bundled. SVG, not canvas: a few
// hundred marks at most, crisp at any zoom, and the drawn series and legends are in the DOM.
use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/** One ECharts chart; `option` replaces the previous one. The chart is disposed with the component. */
export function EChart({
  option,
  testId,
  height = 280,
}: {
  option: EChartsCoreOption;
  testId: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The app is dark: ECharts' built-in dark theme, on the page's own background.
    const c = init(el, "dark", { renderer: "svg" });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={ref} className="chart" data-testid={testId} style={{ height }} />;
}
