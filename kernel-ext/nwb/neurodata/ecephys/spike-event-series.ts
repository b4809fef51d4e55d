// NWB SpikeEventSeries: snippets of spike waveforms, an ElectricalSeries whose samples are events.
import { ElectricalSeries } from "./electrical-series.js";

export class SpikeEventSeries extends ElectricalSeries {}
