// hdmf-common ElementIdentifiers: the `id` column of a DynamicTable.
import { NWBData } from "./nwb-data.js";

export class ElementIdentifiers extends NWBData {}
