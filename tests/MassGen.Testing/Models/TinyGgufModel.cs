using System.Text;

namespace MassGen.Testing.Models;

/// <summary>
/// Writes a tiny llama-architecture GGUF file (GGUF v3): 2 layers, 64-wide embeddings, random F32 weights from a fixed
/// seed, and a byte-level SentencePiece vocabulary (&lt;unk&gt;, &lt;s&gt;, &lt;/s&gt; and the 256 byte tokens). About 450 KB.
/// It says nothing sensible, but llama.cpp loads it, tokenizes any text and samples from it, which is what the
/// local backend's mechanics need.
/// </summary>
public static class TinyGgufModel
{
    private const int Embedding = 64;
    private const int Heads = 4;
    private const int FeedForward = 128;
    private const int Layers = 2;
    private const int Alignment = 32;
    private const int Vocabulary = 3 + 256;

    public static void Write(string path, int seed = 7)
    {
        var random = new Random(seed);
        var tensors = new List<(string Name, long[] Shape)>
        {
            ("token_embd.weight", [Embedding, Vocabulary]),
            ("output_norm.weight", [Embedding]),
            ("output.weight", [Embedding, Vocabulary]),
        };
        for (var layer = 0; layer < Layers; layer++)
        {
            tensors.Add(($"blk.{layer}.attn_norm.weight", [Embedding]));
            tensors.Add(($"blk.{layer}.attn_q.weight", [Embedding, Embedding]));
            tensors.Add(($"blk.{layer}.attn_k.weight", [Embedding, Embedding]));
            tensors.Add(($"blk.{layer}.attn_v.weight", [Embedding, Embedding]));
            tensors.Add(($"blk.{layer}.attn_output.weight", [Embedding, Embedding]));
            tensors.Add(($"blk.{layer}.ffn_norm.weight", [Embedding]));
            tensors.Add(($"blk.{layer}.ffn_gate.weight", [Embedding, FeedForward]));
            tensors.Add(($"blk.{layer}.ffn_up.weight", [Embedding, FeedForward]));
            tensors.Add(($"blk.{layer}.ffn_down.weight", [FeedForward, Embedding]));
        }

        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)tensors.Count);

        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        tokens.AddRange(Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"));
        var metadata = new List<Action>
        {
            () => String("general.architecture", "llama"),
            () => String("general.name", "massgen-tiny-test"),
            () => UInt32("general.alignment", Alignment),
            () => UInt32("llama.context_length", 512),
            () => UInt32("llama.embedding_length", Embedding),
            () => UInt32("llama.block_count", Layers),
            () => UInt32("llama.feed_forward_length", FeedForward),
            () => UInt32("llama.attention.head_count", Heads),
            () => UInt32("llama.attention.head_count_kv", Heads),
            () => UInt32("llama.rope.dimension_count", Embedding / Heads),
            () => Float32("llama.attention.layer_norm_rms_epsilon", 1e-5f),
            () => UInt32("llama.vocab_size", Vocabulary),
            () => String("tokenizer.ggml.model", "llama"),
            () => StringArray("tokenizer.ggml.tokens", tokens),
            () => FloatArray("tokenizer.ggml.scores", tokens.Select(_ => 0f).ToList()),
            () => IntArray("tokenizer.ggml.token_type", [2, 3, 3, .. Enumerable.Repeat(6, 256)]),
            () => UInt32("tokenizer.ggml.unknown_token_id", 0),
            () => UInt32("tokenizer.ggml.bos_token_id", 1),
            () => UInt32("tokenizer.ggml.eos_token_id", 2),
        };
        writer.Write((ulong)metadata.Count);
        foreach (var entry in metadata)
        {
            entry();
        }

        ulong offset = 0;
        foreach (var (name, shape) in tensors)
        {
            Text(name);
            writer.Write((uint)shape.Length);
            foreach (var dimension in shape)
            {
                writer.Write((ulong)dimension);
            }

            writer.Write(0u); // GGML_TYPE_F32
            writer.Write(offset);
            offset += Aligned((ulong)(shape.Aggregate(1L, (a, b) => a * b) * sizeof(float)));
        }

        Pad();
        foreach (var (name, shape) in tensors)
        {
            var count = shape.Aggregate(1L, (a, b) => a * b);
            var isNorm = name.EndsWith("norm.weight", StringComparison.Ordinal);
            for (var i = 0; i < count; i++)
            {
                writer.Write(isNorm ? 1f : (float)((random.NextDouble() - 0.5) * 0.2));
            }

            Pad();
        }

        void Text(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            writer.Write((ulong)bytes.Length);
            writer.Write(bytes);
        }

        void Key(string key, uint type)
        {
            Text(key);
            writer.Write(type);
        }

        void String(string key, string value)
        {
            Key(key, 8);
            Text(value);
        }

        void UInt32(string key, uint value)
        {
            Key(key, 4);
            writer.Write(value);
        }

        void Float32(string key, float value)
        {
            Key(key, 6);
            writer.Write(value);
        }

        void StringArray(string key, List<string> values)
        {
            Key(key, 9);
            writer.Write(8u);
            writer.Write((ulong)values.Count);
            values.ForEach(Text);
        }

        void FloatArray(string key, List<float> values)
        {
            Key(key, 9);
            writer.Write(6u);
            writer.Write((ulong)values.Count);
            values.ForEach(writer.Write);
        }

        void IntArray(string key, List<int> values)
        {
            Key(key, 9);
            writer.Write(5u);
            writer.Write((ulong)values.Count);
            values.ForEach(writer.Write);
        }

        void Pad()
        {
            while (stream.Position % Alignment != 0)
            {
                writer.Write((byte)0);
            }
        }

        static ulong Aligned(ulong size) => (size + Alignment - 1) / Alignment * Alignment;
    }
}
