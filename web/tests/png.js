// Decodes the PNG screenshots browsers return (8-bit RGB or RGBA, not interlaced) into
// {width, height, data: RGBA bytes} in node, so a picture is measured outside the engine
// that drew it.
'use strict';
const zlib = require('zlib');

function paeth(a, b, c) {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

// Undoes the per-row filters (PNG spec 9.2) in place; rows of `stride` bytes after a filter byte.
function unfilter(raw, height, stride, bpp) {
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; ++y) {
    const type = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1, row = y * stride, up = row - stride;
    for (let x = 0; x < stride; ++x) {
      const a = x >= bpp ? out[row + x - bpp] : 0, b = y > 0 ? out[up + x] : 0, c = x >= bpp && y > 0 ? out[up + x - bpp] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type];
      if (pred === undefined) throw new Error(`PNG row ${y}: filter type ${type}`);
      out[row + x] = (raw[src + x] + pred) & 255;
    }
  }
  return out;
}

function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8, width = 0, height = 0, colourType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('latin1', pos + 4, pos + 8), body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0), height = body.readUInt32BE(4), colourType = body[9];
      if (body[8] !== 8 || (colourType !== 2 && colourType !== 6) || body[12] !== 0)
        throw new Error(`PNG: bit depth ${body[8]}, colour type ${colourType}, interlace ${body[12]}: only 8-bit RGB(A), not interlaced`);
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const bpp = colourType === 6 ? 4 : 3;
  const px = unfilter(zlib.inflateSync(Buffer.concat(idat)), height, width * bpp, bpp);
  if (bpp === 4) return { width, height, data: px };
  const data = Buffer.alloc(width * height * 4, 255);
  for (let i = 0, j = 0; i < px.length; i += 3, j += 4) data[j] = px[i], data[j + 1] = px[i + 1], data[j + 2] = px[i + 2];
  return { width, height, data };
}

// The fraction of pixels whose colour differs from the top-left pixel's, and how many colours.
function pictureStats(png) {
  const { data: d } = decodePng(png);
  const colours = new Set();
  let differ = 0;
  for (let i = 0; i < d.length; i += 4) {
    colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) differ++;
  }
  return { differFraction: differ / (d.length / 4), colours: colours.size };
}

module.exports = { decodePng, pictureStats };
