using System.Text;
using MassGen.Core.Coordination;
using MassGen.Core.Prompts;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Teams;

/// <summary>Turns a chat conversation into a coordination request: the last user message is the task, earlier exchanges the history.</summary>
internal static class TeamConversation
{
    public static CoordinationRequest ToRequest(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var instructions = string.Join("\n\n", list.Where(m => m.Role == ChatRole.System && !string.IsNullOrWhiteSpace(m.Text)).Select(m => m.Text.Trim()));
        var exchanges = list.Where(m => (m.Role == ChatRole.User || m.Role == ChatRole.Assistant) && !string.IsNullOrWhiteSpace(m.Text)).ToList();
        if (exchanges.Count == 0 || exchanges[^1].Role != ChatRole.User)
        {
            throw new ArgumentException("The conversation must end with a user message with text: it is the team's task.", nameof(messages));
        }

        // Consecutive user messages form one question; the last question (after the last assistant reply) is the task.
        var history = new List<ConversationTurn>();
        var user = new StringBuilder();
        var assistant = new StringBuilder();
        foreach (var message in exchanges)
        {
            if (message.Role == ChatRole.User)
            {
                if (assistant.Length > 0)
                {
                    history.Add(new ConversationTurn(user.ToString(), assistant.ToString()));
                    user.Clear();
                    assistant.Clear();
                }

                Append(user, message.Text);
            }
            else
            {
                Append(assistant, message.Text);
            }
        }

        return new CoordinationRequest(TeamRequestPrompts.Task(instructions, user.ToString())) { History = history };
    }

    private static void Append(StringBuilder builder, string text)
    {
        if (builder.Length > 0)
        {
            builder.Append("\n\n");
        }

        builder.Append(text.Trim());
    }
}
