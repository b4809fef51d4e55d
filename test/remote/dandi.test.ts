// DANDI asset references and URL forms, resolved against a loopback stand-in of the DANDI REST API
// that answers with the JSON shapes of api.dandiarchive.org (dandiset info, paginated version
// asset lists with metadata, asset metadata with contentUrl, download redirects).
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openLocalH5 } from "../../kernel-ext/nwb/h5/local.js";
import { openNWB } from "../../kernel-ext/nwb/index.js";
import {
  DandiResolveError,
  isRemoteSource,
  openRemoteH5,
  resolveRemoteUrl,
  s3ToHttps,
} from "../../kernel-ext/nwb/remote/index.js";
import { RangeServer, type DandiAssetModel } from "./support/range-server.js";

// A real DANDI file (DANDI:000006, from dandi-cli's test data) as the asset's bytes.
const ASSET_FILE = fileURLToPath(
  new URL("../../data/nwb-fixtures/dandi-cli/sub-anm369963_ses-20170228.nwb", import.meta.url),
);

const ASSET_ID = "5e8c3a0d-4f7b-4d5e-9a51-0c2f61c0b4a1";
const BLOB = "a7f3c2e1-93b0-4c53-8d7e-6a1b2c3d4e5f";
const PATH = "sub-102086/sub-102086_ses-102086-1_behavior+ecephys+image+ophys.nwb";

describe("remote: DANDI asset references and s3:// URLs", function () {
  let server: RangeServer;
  let file: string;
  let apiUrl: string;
  let blobUrl: string;

  before(async () => {
    file = ASSET_FILE;
    server = await RangeServer.start();
    const blobKey = `blobs/a7f/3c2/${BLOB}`;
    blobUrl = await server.serve(`/${blobKey}`, file);
    const at = "2021-08-19T16:41:00.000000Z";
    const asset = (id: string, path: string, blob: string): DandiAssetModel => ({
      asset_id: id,
      blob,
      blobKey: `blobs/${blob.slice(0, 3)}/${blob.slice(3, 6)}/${blob}`,
      path,
      size: statSync(file).size,
      created: at,
      modified: at,
    });
    apiUrl = await server.dandi({
      dandisets: [
        {
          identifier: "000048",
          name: "Simultaneous recordings of calcium imaging and cell-attached ephys",
          created: at,
          published: "0.210819.1641",
          pageSize: 2,
          assets: [
            // Decoys whose paths start with PATH's prefix sort before and after it.
            asset(
              "00000000-0000-4000-8000-000000000001",
              "sub-102086/sub-102086_ses-102086-0_ophys.nwb",
              "b0000000-0000-4000-8000-000000000001",
            ),
            asset(
              "00000000-0000-4000-8000-000000000002",
              "sub-102086/sub-102086_ses-102086-1_behavior+ecephys+image+ophys.nwb.bak",
              "b0000000-0000-4000-8000-000000000002",
            ),
            asset(
              "00000000-0000-4000-8000-000000000003",
              "sub-102086/sub-102086_ses-102086-1_a.nwb",
              "b0000000-0000-4000-8000-000000000003",
            ),
            { ...asset(ASSET_ID, PATH, BLOB), blobKey },
            asset(
              "00000000-0000-4000-8000-000000000004",
              "sub-102087/sub-102087_ses-1.nwb",
              "b0000000-0000-4000-8000-000000000004",
            ),
          ],
        },
      ],
    });
  });

  after(async () => {
    await server?.stop();
  });

  it("maps s3:// blob URLs to the bucket's HTTPS endpoint", () => {
    assert.equal(
      s3ToHttps(`s3://dandiarchive/blobs/a7f/3c2/${BLOB}`),
      `https://dandiarchive.s3.amazonaws.com/blobs/a7f/3c2/${BLOB}`,
    );
    assert.throws(() => s3ToHttps("s3://bucket-only"), /expected s3:\/\/bucket\/key/);
  });

  it("tells remote sources from local paths", () => {
    assert.equal(isRemoteSource("https://example.org/x.nwb"), true);
    assert.equal(isRemoteSource("s3://dandiarchive/blobs/x"), true);
    assert.equal(isRemoteSource({ dandiset: "000048", path: PATH }), true);
    assert.equal(isRemoteSource("data/x.nwb"), false);
    assert.equal(isRemoteSource("/abs/https.nwb"), false);
  });

  it("resolves {dandiset, path} through the most recent published version to the blob's direct URL", async () => {
    await server.resetStats();
    assert.equal(
      await resolveRemoteUrl({ dandiset: "000048", path: PATH }, { dandiApiUrl: apiUrl }),
      blobUrl,
    );
    // The path filter is a prefix match ordered by path, so the exact path is first on page 1.
    const paths = (await server.stats()).log.map((r) => r.path);
    assert.deepEqual(paths, [
      "/api/dandisets/000048/",
      "/api/dandisets/000048/versions/0.210819.1641/assets/",
    ]);
  });

  it("resolves an explicit version and asset API URLs (metadata and download forms)", async () => {
    assert.equal(
      await resolveRemoteUrl(
        { dandiset: "000048", path: PATH, version: "draft" },
        { dandiApiUrl: apiUrl },
      ),
      blobUrl,
    );
    assert.equal(await resolveRemoteUrl(`${apiUrl}/assets/${ASSET_ID}/`), blobUrl);
    assert.equal(await resolveRemoteUrl(`${apiUrl}/assets/${ASSET_ID}/download/`), blobUrl);
    assert.equal(
      await resolveRemoteUrl(`${apiUrl}/dandisets/000048/versions/draft/assets/${ASSET_ID}/`),
      blobUrl,
    );
  });

  it("opens a DANDI asset reference with the local file's metadata and values, and as typed objects", async () => {
    const local = await openLocalH5(file);
    try {
      const remote = await openRemoteH5(
        { dandiset: "000048", path: PATH },
        { dandiApiUrl: apiUrl, blockSize: 65536 },
      );
      try {
        assert.equal(remote.url, blobUrl);
        assert.deepEqual(remote.meta, { ...local.meta, name: blobUrl });
        const spikes = "/units/spike_times";
        assert.deepEqual(await remote.readDataset(spikes), await local.readDataset(spikes));
      } finally {
        await remote.close();
      }
      // Typed objects through openNWB (their equality with the local file's is in open-nwb.test.ts).
      const identifier = ((await local.readDataset("/identifier")).values as string[])[0];
      assert.equal(typeof identifier, "string");
      const remoteNwb = await openNWB(
        { dandiset: "000048", path: PATH, version: "draft" },
        { dandiApiUrl: apiUrl },
      );
      try {
        assert.equal(remoteNwb.identifier, identifier);
        assert.equal(remoteNwb.units?.constructor.name, "Units");
        assert.ok(
          remoteNwb.objects().some((o) => o.path === "/units" && o.neurodataType === "Units"),
        );
      } finally {
        await remoteNwb.close();
      }
    } finally {
      await local.close();
    }
  });

  it("openNWB refuses an object that is neither an H5Source nor a reference a backend accepts", async () => {
    await assert.rejects(
      openNWB({ dandi: "000048" }),
      /openNWB: expected a path, an URL, a source reference/,
    );
  });

  it("names the dandiset, version and path when an asset does not exist", async () => {
    await assert.rejects(
      resolveRemoteUrl(
        { dandiset: "000048", path: "sub-102086/nope.nwb" },
        { dandiApiUrl: apiUrl },
      ),
      (error: Error) => {
        assert.ok(error instanceof DandiResolveError);
        assert.equal(
          error.message,
          'DANDI: no asset at path "sub-102086/nope.nwb" in dandiset 000048 version 0.210819.1641',
        );
        return true;
      },
    );
    await assert.rejects(
      resolveRemoteUrl({ dandiset: "999999", path: PATH }, { dandiApiUrl: apiUrl }),
      /DANDI API .*\/api\/dandisets\/999999\/: dandiset 999999 not found \(404\)/,
    );
    await assert.rejects(
      resolveRemoteUrl({ dandiset: "48", path: PATH }, { dandiApiUrl: apiUrl }),
      /6-digit id such as "000048", got "48"/,
    );
  });
});
