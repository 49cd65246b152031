// Writes TensorFlow.js layers-model files (model.json + binary weight shards), as TensorFlow.js's own file handler lays
// them out, for small models covering every layer family NotebookKeras implements and TensorFlow.js has; with each, the
// inputs (in0.npy, in1.npy, ...) and the outputs of TensorFlow.js's model.predict (out0.npy, ...).
//
// Run: npm ci && node gen_tfjs_models.js   (pure JavaScript CPU backend: no native TensorFlow needed)
//
// Recurrent layers use recurrentActivation 'sigmoid': TensorFlow.js's default 'hard_sigmoid' is Keras 2's
// clip(0.2 x + 0.5, 0, 1), which Keras 3 (and so NotebookKeras) no longer has; model 'hard_sigmoid_lstm' keeps the default
// to check that the loader refuses it clearly, as 'bilinear_upsampling' (TensorFlow.js resizes without half-pixel centers).
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const OUT = __dirname;
const SIGMOID = { recurrentActivation: 'sigmoid' };

// Deterministic weights: Keras-like initializers with fixed seeds, then every weight (BatchNorm's moving statistics
// included, so that inference does not reduce to the identity) is replaced by seeded uniform values.
function randomizeWeights(model, seed) {
  let s = seed;
  for (const w of model.weights) {
    const name = w.originalName;
    const [low, high] = /moving_variance|gamma/.test(name) ? [0.5, 1.5] : [-0.6, 0.6];
    w.write(tf.randomUniform(w.shape, low, high, 'float32', s++));
  }
}

function input(shape, seed, integers) {
  if (integers) return tf.randomUniform(shape, 0, integers, 'int32', seed).cast('float32');
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

// NumPy .npy version 1.0, float32, C order.
function writeNpy(file, tensor) {
  const shape = tensor.shape;
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const data = Buffer.from(new Float32Array(tensor.dataSync()).buffer);
  fs.writeFileSync(file, Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]));
}

// Saves as tfjs-node's file handler does: model.json with a weightsManifest, and the weight bytes split into shards of at
// most shardBytes (the converter's --weight_shard_size_bytes), named group1-shardKofN.bin.
function saveHandler(dir, shardBytes) {
  return tf.io.withSaveHandler(async (artifacts) => {
    fs.mkdirSync(dir, { recursive: true });
    const data = Buffer.from(artifacts.weightData);
    const count = Math.max(1, Math.ceil(data.length / shardBytes));
    const paths = [];
    for (let k = 0; k < count; k++) {
      const name = `group1-shard${k + 1}of${count}.bin`;
      fs.writeFileSync(path.join(dir, name), data.subarray(k * shardBytes, (k + 1) * shardBytes));
      paths.push(name);
    }
    // The fields and order of tfjs-core's getModelJSONForModelArtifacts (not exported).
    const json = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      weightsManifest: [{ paths, weights: artifacts.weightSpecs }],
    };
    if (artifacts.trainingConfig) json.trainingConfig = artifacts.trainingConfig;
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
}

// Rewrites a saved model's weights quantized as the tensorflowjs converter does (--quantize_uint8, --quantize_uint16,
// --quantize_float16): integers q with value = q * scale + min, or IEEE half floats.
function quantize(dir, dtype) {
  const file = path.join(dir, 'model.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const group = json.weightsManifest[0];
  const data = Buffer.concat(group.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const floats = new Float32Array(data.buffer, data.byteOffset, data.length / 4);
  const parts = [];
  let offset = 0;
  for (const spec of group.weights) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = floats.subarray(offset, offset + size);
    offset += size;
    if (dtype === 'uint8' || dtype === 'uint16') {
      const min = Math.min(...values);
      const max = Math.max(...values);
      const levels = dtype === 'uint8' ? 255 : 65535;
      const scale = max > min ? (max - min) / levels : 1;
      const quantized = (dtype === 'uint8' ? Uint8Array : Uint16Array).from(values, (v) => Math.round((v - min) / scale));
      parts.push(Buffer.from(quantized.buffer));
      spec.quantization = { dtype, scale, min };
    } else {
      const halves = new Uint16Array(values.length);
      values.forEach((v, i) => { halves[i] = toHalf(v); });
      parts.push(Buffer.from(halves.buffer));
      spec.quantization = { dtype };
    }
  }
  for (const p of group.paths) fs.unlinkSync(path.join(dir, p));
  group.paths = ['group1-shard1of1.bin'];
  fs.writeFileSync(path.join(dir, group.paths[0]), Buffer.concat(parts));
  fs.writeFileSync(file, JSON.stringify(json));
}

// Round-to-nearest-even float32 -> float16 bits (normal and subnormal ranges; the weights here are small and finite).
function toHalf(value) {
  const f = new Float32Array([value]);
  const bits = new Uint32Array(f.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent <= 0) {
    mantissa = (mantissa | 0x800000) >>> (1 - exponent);
    return sign | ((mantissa + 0x1000 + ((mantissa >>> 13) & 1) - 1) >>> 13);
  }
  const half = sign | (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  return rest > 0x1000 || (rest === 0x1000 && (half & 1)) ? half + 1 : half;
}

// Loads a saved model back with TensorFlow.js's own reader (dequantization included) from the files on disk.
async function reload(dir) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const buffers = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const weightData = new Uint8Array(Buffer.concat(buffers)).buffer;
  return tf.loadLayersModel(tf.io.fromMemory(tf.io.getModelArtifactsForJSONSync(json, tf.io.getWeightSpecs(json.weightsManifest), weightData)));
}

async function write(name, model, inputs, options = {}) {
  const dir = path.join(OUT, name);
  fs.rmSync(dir, { recursive: true, force: true });
  await model.save(saveHandler(dir, options.shardBytes ?? 4 * 1024 * 1024), { includeOptimizer: options.includeOptimizer ?? false });
  if (options.quantize) quantize(dir, options.quantize);
  const saved = await reload(dir);
  let outputs = saved.predict(inputs.length === 1 ? inputs[0] : inputs);
  if (!Array.isArray(outputs)) outputs = [outputs];
  inputs.forEach((x, i) => writeNpy(path.join(dir, `in${i}.npy`), x));
  outputs.forEach((y, i) => writeNpy(path.join(dir, `out${i}.npy`), y));
  console.log(`${name}: ${model.layers.length} layers, ${model.countParams()} parameters, outputs ${outputs.map((o) => `[${o.shape}]`).join(' ')}`);
}

function sequential(name, layers) {
  const model = tf.sequential({ name });
  for (const layer of layers) model.add(layer);
  return model;
}

async function main() {
  const L = tf.layers;

  // Dense, Activation and the layers that are the identity at inference.
  let m = sequential('mlp', [
    L.dense({ units: 5, activation: 'relu', inputShape: [6], name: 'hidden' }),
    L.dropout({ rate: 0.3 }),
    L.gaussianNoise({ stddev: 0.2 }),
    L.gaussianDropout({ rate: 0.2 }),
    L.alphaDropout({ rate: 0.2 }),
    L.dense({ units: 4, useBias: false, activation: 'tanh' }),
    L.dense({ units: 3 }),
    L.activation({ activation: 'softmax' }),
  ]);
  randomizeWeights(m, 1);
  await write('mlp', m, [input([4, 6], 101)]);

  // The same model, its weights quantized by the converter's two schemes.
  for (const dtype of ['uint8', 'uint16', 'float16']) {
    m = sequential(`mlp_${dtype}`, [
      L.dense({ units: 5, activation: 'relu', inputShape: [6] }),
      L.dense({ units: 3, activation: 'softmax' }),
    ]);
    randomizeWeights(m, 2);
    await write(`mlp_${dtype}`, m, [input([4, 6], 102)], { quantize: dtype });
  }

  // Reshape, Permute, Flatten, RepeatVector; weights in several shards.
  m = sequential('reshaping', [
    L.reshape({ targetShape: [4, 3], inputShape: [12] }),
    L.permute({ dims: [2, 1] }),
    L.dense({ units: 2, activation: 'elu' }),
    L.flatten({}),
    L.repeatVector({ n: 2 }),
    L.dense({ units: 3, activation: 'sigmoid' }),
  ]);
  randomizeWeights(m, 3);
  await write('reshaping', m, [input([3, 12], 103)], { shardBytes: 40 });

  // Conv2D, pooling, BatchNormalization, padding, cropping, upsampling.
  m = sequential('convnet', [
    L.zeroPadding2d({ padding: [[1, 0], [0, 1]], inputShape: [6, 6, 2] }),
    L.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
    L.batchNormalization(),
    L.maxPooling2d({ poolSize: 2 }),
    L.conv2d({ filters: 4, kernelSize: [2, 1], strides: [1, 1], padding: 'valid', dilationRate: 1 }),
    L.upSampling2d({ size: [2, 2] }),
    L.cropping2D({ cropping: [[1, 1], [0, 1]] }),
    L.averagePooling2d({ poolSize: [2, 2], strides: [1, 2], padding: 'same' }),
    L.globalAveragePooling2d({}),
    L.dense({ units: 2 }),
  ]);
  randomizeWeights(m, 4);
  await write('convnet', m, [input([2, 6, 6, 2], 104)], { shardBytes: 256 });

  m = sequential('convnet_strided', [
    L.conv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', useBias: false, inputShape: [7, 7, 1] }),
    L.upSampling2d({ size: [2, 1] }),
    L.maxPooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
    L.conv2d({ filters: 3, kernelSize: 2, dilationRate: 2, activation: 'tanh' }),
    L.globalMaxPooling2d({}),
  ]);
  randomizeWeights(m, 5);
  await write('convnet_strided', m, [input([2, 7, 7, 1], 105)]);

  // Recurrent layers, the Bidirectional wrapper and LayerNormalization.
  m = sequential('recurrent', [
    L.simpleRNN({ units: 3, returnSequences: true, inputShape: [5, 2] }),
    L.lstm({ units: 3, returnSequences: true, ...SIGMOID }),
    L.bidirectional({ layer: L.gru({ units: 2, returnSequences: true, ...SIGMOID }), mergeMode: 'sum' }),
    L.layerNormalization(),
    L.gru({ units: 3, goBackwards: true, ...SIGMOID }),
    L.dense({ units: 2 }),
  ]);
  randomizeWeights(m, 6);
  await write('recurrent', m, [input([2, 5, 2], 106)]);

  // Embedding with mask_zero and Masking, feeding masked recurrent layers.
  m = sequential('embedding_mask', [
    L.embedding({ inputDim: 6, outputDim: 3, inputLength: 5, maskZero: true }),
    L.bidirectional({ layer: L.lstm({ units: 2, returnSequences: true, ...SIGMOID }), mergeMode: 'concat' }),
    L.spatialDropout1d({ rate: 0.5 }),
    L.simpleRNN({ units: 2, activation: 'relu' }),
  ]);
  randomizeWeights(m, 7);
  const tokens = tf.tensor2d([[1, 2, 3, 0, 0], [4, 5, 1, 2, 0], [3, 0, 0, 0, 0]], [3, 5], 'float32');
  await write('embedding_mask', m, [tokens]);

  m = sequential('masking', [
    L.masking({ maskValue: 0, inputShape: [4, 2] }),
    L.lstm({ units: 2, returnSequences: true, ...SIGMOID }),
    L.gru({ units: 2, ...SIGMOID }),
  ]);
  randomizeWeights(m, 8);
  const masked = tf.tensor3d([[[1, 2], [0, 0], [3, -1], [0, 0]], [[0.5, 0.1], [0.2, 0.3], [0, 0], [0, 0]]]);
  await write('masking', m, [masked]);

  // The generic RNN layer around a cell.
  m = sequential('rnn_cell', [
    L.rnn({ cell: L.lstmCell({ units: 2, ...SIGMOID }), returnSequences: true, inputShape: [3, 2] }),
    L.rnn({ cell: L.simpleRNNCell({ units: 2 }) }),
  ]);
  randomizeWeights(m, 9);
  await write('rnn_cell', m, [input([2, 3, 2], 109)]);

  // A functional model with two inputs and two outputs, through every merge layer TensorFlow.js has.
  const a = tf.input({ shape: [4], name: 'input_a' });
  const b = tf.input({ shape: [4], name: 'input_b' });
  const da = L.dense({ units: 3, name: 'dense_a' }).apply(a);
  const db = L.dense({ units: 3, name: 'dense_b' }).apply(b);
  const merged = L.concatenate({ name: 'concatenate' }).apply([
    L.add({}).apply([da, db]),
    L.multiply({}).apply([da, db]),
    L.average({}).apply([da, db]),
    L.maximum({}).apply([da, db]),
    L.minimum({}).apply([da, db]),
  ]);
  const dot = L.dot({ axes: 1, normalize: true, name: 'cosine' }).apply([da, db]);
  const out1 = L.dense({ units: 2, activation: 'softmax', name: 'out_class' }).apply(merged);
  const out2 = L.concatenate({ axis: -1, name: 'out_join' }).apply([dot, L.dense({ units: 1, name: 'score' }).apply(da)]);
  m = tf.model({ inputs: [a, b], outputs: [out1, out2], name: 'functional_merge' });
  randomizeWeights(m, 10);
  await write('functional_merge', m, [input([3, 4], 110), input([3, 4], 111)]);

  // A Sequential model nested in a functional one, with a frozen BatchNormalization, trained one step with Adam and saved
  // with its optimizer state (weights of group 'optimizer', which a loader skips) and its training config.
  const inner = sequential('inner', [
    L.dense({ units: 3, inputShape: [4], activation: 'relu', name: 'inner_dense' }),
    L.batchNormalization({ trainable: false, name: 'frozen_bn' }),
  ]);
  const x = tf.input({ shape: [4], name: 'features' });
  const head = L.dense({ units: 2, name: 'head' }).apply(L.concatenate({ name: 'join' }).apply([inner.apply(x), x]));
  m = tf.model({ inputs: x, outputs: head, name: 'nested_trained' });
  randomizeWeights(m, 12);
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  await m.fit(input([4, 4], 114), input([4, 2], 115), { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
  await write('nested_trained', m, [input([3, 4], 116)], { includeOptimizer: true });

  // TensorFlow.js's default LSTM (hard_sigmoid, Keras 2's definition): NotebookKeras must refuse it with a clear error.
  m = sequential('hard_sigmoid_lstm', [L.lstm({ units: 2, inputShape: [3, 2] })]);
  randomizeWeights(m, 11);
  await write('hard_sigmoid_lstm', m, [input([1, 3, 2], 112)]);

  // UpSampling2D 'bilinear', which TensorFlow.js computes without half-pixel centers: refused as well.
  m = sequential('bilinear_upsampling', [L.upSampling2d({ size: [2, 2], interpolation: 'bilinear', inputShape: [2, 2, 1] })]);
  await write('bilinear_upsampling', m, [input([1, 2, 2, 1], 113)]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
