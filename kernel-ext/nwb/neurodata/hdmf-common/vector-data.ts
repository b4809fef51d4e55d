// hdmf-common VectorData: one column of a DynamicTable.
import { NWBData } from "../base/nwb-data.js";

export class VectorData extends NWBData {}
