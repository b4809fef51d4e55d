// hdmf-common ElementIdentifiers: the `id` column of a DynamicTable.
import { NWBData } from "../base/nwb-data.js";

export class ElementIdentifiers extends NWBData {}
