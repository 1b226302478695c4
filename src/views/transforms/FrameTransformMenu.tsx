import type { Transform } from '../../model/transforms/types'
import type { Incident, IndexIntoFrameTable } from '../../model/types'
import { NONE } from '../../model/types'
import { useIncidentStore } from '../../state/store'

/** Focus / Merge / Drop / Collapse … for one frame, from a stack's frames or a flame selection. */
export function FrameTransformMenu({
  incident,
  frame,
}: {
  readonly incident: Incident
  readonly frame: IndexIntoFrameTable
}) {
  const addTransform = useIncidentStore((s) => s.addTransform)
  const func = incident.strings[incident.frames.func[frame]]
  const moduleIndex = incident.frames.module[frame]
  const module = moduleIndex === NONE ? null : incident.strings[moduleIndex]
  const actions: { label: string; title: string; transform: Transform }[] = [
    {
      label: 'Focus',
      title: 'Only stacks through it, starting at it (removes the other records)',
      transform: { type: 'focus', func },
    },
    {
      label: 'Only through',
      title: 'Only stacks through it, whole (removes the other records)',
      transform: { type: 'through', func },
    },
    {
      label: 'Merge',
      title: 'Remove this function; its callees move up to its caller',
      transform: { type: 'merge', func },
    },
    {
      label: 'Drop',
      title: 'Remove every stack through it (removes those records)',
      transform: { type: 'drop', func },
    },
    {
      label: 'Collapse recursion',
      title: 'Fold calls of it inside calls of it into the outermost one',
      transform: { type: 'rec', func },
    },
  ]
  if (module)
    actions.push({
      label: 'Collapse module',
      title: `Show each run of ${module} frames as one frame`,
      transform: { type: 'module', module },
    })
  return (
    <span className="frame-transforms" role="group" aria-label={`Transforms for ${func}`}>
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          className="frame-transform"
          title={a.title}
          onClick={() => addTransform(a.transform)}
        >
          {a.label}
        </button>
      ))}
    </span>
  )
}
