// The ECharts build the report uses: the core, the chart types and
// components its charts name, and the SVG renderer (the build draws with
// it, and so do browsers). update.sh bundles this into ../echarts.min.js.
// A chart that names a component left out here is drawn without it:
// TestChartsUseOnlyTheVendoredBuild fails until it is added.
import * as echarts from 'echarts/core';
import {BarChart, GraphChart, HeatmapChart, LineChart, PieChart} from 'echarts/charts';
import {GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent} from 'echarts/components';
import {SVGRenderer} from 'echarts/renderers';

echarts.use([
  BarChart, GraphChart, HeatmapChart, LineChart, PieChart,
  GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent,
  SVGRenderer,
]);

export * from 'echarts/core';
